import type { BrowserContext, Route } from 'playwright-core';
import type { GuardedFetcher, GuardedResponse } from './guarded-fetch.ts';

export interface RouteLimits {
  /** Requests one page may make; a page that keeps fetching (tickers, beacons) is cut off here. */
  readonly maxRequests: number;
  /** Bytes one page may pull in total, bodies decoded. */
  readonly maxTotalBytes: number;
}

/** What the page asked for; read after the screenshot for its record. */
export interface RouteLog {
  requests: number;
  bytes: number;
  /** "URL: why" for each request the guard refused (address, scheme, method, budget), first 20 kept. */
  readonly refused: string[];
}

export const DEFAULT_ROUTE_LIMITS: RouteLimits = { maxRequests: 300, maxTotalBytes: 30 * 1024 * 1024 };
const MAX_REFUSED_KEPT = 20;

/**
 * Serves every request of every page in `context` through `fetcher` (see guarded-fetch.ts). The
 * browser has no network of its own (launch-browser.ts), so whatever is not served here fails.
 * Only GET and HEAD are fetched: a screenshot must not submit forms or trigger actions on a
 * government site. `prefetched` answers the first request for its URLs (the main document, already
 * fetched to learn its final URL) without fetching it again.
 */
export async function routeThroughGuard(
  context: BrowserContext,
  fetcher: GuardedFetcher,
  prefetched: Map<string, GuardedResponse & { ok: true }>,
  limits: RouteLimits = DEFAULT_ROUTE_LIMITS,
): Promise<RouteLog> {
  const log: RouteLog = { requests: 0, bytes: 0, refused: [] };
  const refuse = async (route: Route, url: string, why: string, code: 'blockedbyclient' | 'failed' | 'timedout') => {
    if (log.refused.length < MAX_REFUSED_KEPT) log.refused.push(`${url.slice(0, 200)}: ${why}`);
    await route.abort(code);
  };

  await context.route('**/*', async (route) => {
    const request = route.request();
    const url = request.url();
    try {
      const method = request.method();
      if (method !== 'GET' && method !== 'HEAD')
        return await refuse(route, url, `${method} is not sent by screenshots`, 'blockedbyclient');
      log.requests += 1;
      if (log.requests > limits.maxRequests)
        return await refuse(route, url, `more than ${limits.maxRequests} requests`, 'blockedbyclient');
      const cached = prefetched.get(url);
      if (cached) prefetched.delete(url);
      const response = cached ?? (await fetcher.fetch(url, { method, headers: await request.allHeaders() }));
      if (!response.ok) {
        // Plain network failures are what a visitor sees too; only refusals are worth listing.
        if (response.reason === 'blocked-address' || response.reason === 'blocked-scheme')
          return await refuse(route, url, response.message, 'blockedbyclient');
        return await route.abort(response.reason === 'timeout' ? 'timedout' : 'failed');
      }
      log.bytes += response.body.length;
      if (log.bytes > limits.maxTotalBytes)
        return await refuse(route, url, `page pulled more than ${limits.maxTotalBytes} bytes`, 'blockedbyclient');
      await route.fulfill({ status: response.status, headers: response.headers, body: response.body });
    } catch (error) {
      // The page closed while this request was in flight (screenshot taken, timeout): nothing is
      // left to answer. Anything else is a bug here; it is listed, and the request fails.
      if (isClosedError(error)) return;
      if (log.refused.length < MAX_REFUSED_KEPT)
        log.refused.push(`${url.slice(0, 200)}: internal error serving the request: ${(error as Error).message}`);
      await route.abort('failed').catch(() => undefined); // The page may be gone by now; the refusal is listed above.
    }
  });
  return log;
}

function isClosedError(error: unknown): boolean {
  return /has been closed|Target closed|Route is already handled/i.test(String((error as Error)?.message));
}
