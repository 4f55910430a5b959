import type { Browser, BrowserContext } from 'playwright-core';
import { createGuardedFetch, type AddressPolicy, type FetchFailureReason, type HostLookup } from './guarded-fetch.ts';
import { DEFAULT_ROUTE_LIMITS, routeThroughGuard, type RouteLimits } from './route-through-guard.ts';

export interface ScreenshotOptions {
  /** Viewport in CSS pixels; the screenshot is the viewport only, so every capture has the same size. */
  readonly width?: number;
  readonly height?: number;
  /** The whole capture: main document, load, settling and the screenshot. */
  readonly timeoutMs?: number;
  /** One request of the page (main document included), redirects and body included. */
  readonly requestTimeoutMs?: number;
  /** The engine's dangerous opt-in for loopback and private addresses; off for real portals. */
  readonly allowPrivate: boolean;
  /** CSS selectors of regions that change on their own (site config `ignore_selectors`); painted over. */
  readonly ignoreSelectors?: readonly string[];
  /** The time the page's clock shows (its timers are driven by a fake clock; see below). */
  readonly now?: Date;
  readonly userAgent?: string;
  readonly limits?: RouteLimits;
  readonly lookup?: HostLookup;
  /** Tests narrow it; nothing else should. */
  readonly addressPolicy?: AddressPolicy;
  readonly ca?: readonly string[];
}

export type ScreenshotFailureReason = 'invalid-url' | FetchFailureReason | 'navigation' | 'browser';

export type ScreenshotResult =
  | {
      readonly ok: true;
      /** PNG of the viewport, `width`×`height` pixels. */
      readonly png: Buffer;
      /** After redirects; the page was rendered at this URL so its relative links resolve. */
      readonly finalUrl: string;
      readonly status: number;
      readonly ms: number;
      readonly requests: number;
      readonly refused: readonly string[];
    }
  | {
      readonly ok: false;
      readonly reason: ScreenshotFailureReason;
      readonly code: string;
      readonly message: string;
      readonly ms: number;
      readonly refused: readonly string[];
    };

export const SCREENSHOT_DEFAULTS = {
  width: 1280,
  height: 800,
  timeoutMs: 45_000,
  requestTimeoutMs: 15_000,
  /** After DOMContentLoaded, how long to wait for the load event: what has loaded by then is what a visitor sees. */
  loadCapMs: 10_000,
  /** Fake time the page's timers are advanced by after load: carousels and tickers end where they always end. */
  settleClockMs: 2_000,
  /** Real time allowed for requests those timers start (lazy images); a page that never goes quiet is not waited for. */
  networkIdleCapMs: 3_000,
  /** Kept back from loading for the screenshot (at most a quarter of the budget), so a page that never finishes loading is still captured. */
  reserveMs: 5_000,
} as const;

const MASK_COLOR = '#FF00FF';

/**
 * Renders `url` in a fresh context of `browser` and screenshots the viewport. Every request goes
 * through the SSRF guard (route-through-guard.ts). The page's timers run on a fake clock set to
 * `now` and advanced a fixed amount after load, and CSS animations are stopped, so two captures of an
 * unchanged page match: an image carousel shows the same slide each time.
 * A page that fails (refused address, DNS, timeout, crash) is a result with `ok: false`, never thrown.
 */
export async function takeScreenshot(
  browser: Browser,
  url: string,
  options: ScreenshotOptions,
): Promise<ScreenshotResult> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? SCREENSHOT_DEFAULTS.timeoutMs;
  const remaining = () => Math.max(1, timeoutMs - (performance.now() - started));
  // Loading and settling may use the budget only up to the reserve, which is the screenshot's.
  const forLoading = () => Math.max(1, remaining() - Math.min(SCREENSHOT_DEFAULTS.reserveMs, timeoutMs / 4));
  const elapsed = () => Math.round(performance.now() - started);
  const userAgent = options.userAgent ?? visitorUserAgent(browser.version());
  const fetcher = createGuardedFetch({
    allowPrivate: options.allowPrivate,
    timeoutMs: Math.min(options.requestTimeoutMs ?? SCREENSHOT_DEFAULTS.requestTimeoutMs, timeoutMs),
    ...(options.lookup ? { lookup: options.lookup } : {}),
    ...(options.addressPolicy ? { addressPolicy: options.addressPolicy } : {}),
    ...(options.ca ? { ca: options.ca } : {}),
  });
  let refused: readonly string[] = [];
  let context: BrowserContext | undefined;
  try {
    if (!/^https?:\/\//i.test(url)) {
      return {
        ok: false,
        reason: 'invalid-url',
        code: 'INVALID_URL',
        message: `only http and https pages are captured, not ${url.slice(0, 200)}`,
        ms: elapsed(),
        refused,
      };
    }
    // The main document first, from Node: its redirects are followed (and checked) here, and the page
    // is then opened at the final URL, so relative links resolve as they do for a visitor.
    const main = await fetcher.fetch(url, {
      headers: {
        'user-agent': userAgent,
        accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
        'accept-language': 'vi-VN,vi;q=0.9,en;q=0.5',
      },
    });
    if (!main.ok)
      return { ok: false, reason: main.reason, code: main.code, message: main.message, ms: elapsed(), refused };
    const finalUrl = withoutHash(main.url);

    const width = options.width ?? SCREENSHOT_DEFAULTS.width;
    const height = options.height ?? SCREENSHOT_DEFAULTS.height;
    context = await browser.newContext({
      viewport: { width, height },
      deviceScaleFactor: 1,
      userAgent,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      reducedMotion: 'reduce',
      serviceWorkers: 'block', // a service worker's requests would bypass the route guard
      acceptDownloads: false,
    });
    // Timers stand still until the page has loaded, then run a fixed amount of fake time, in order.
    const clockTime = options.now ?? new Date();
    await context.clock.install({ time: clockTime });
    await context.clock.pauseAt(clockTime);
    const log = await routeThroughGuard(
      context,
      fetcher,
      new Map([[finalUrl, main]]),
      options.limits ?? DEFAULT_ROUTE_LIMITS,
    );
    refused = log.refused;
    const page = await context.newPage();
    const response = await page.goto(finalUrl, { waitUntil: 'domcontentloaded', timeout: forLoading() });
    // Slow trackers and dead image hosts must not cost the screenshot: what has loaded by then is what a visitor sees.
    await page
      .waitForLoadState('load', { timeout: Math.min(forLoading(), SCREENSHOT_DEFAULTS.loadCapMs) })
      .catch(ignoreTimeout);
    await context.clock.runFor(SCREENSHOT_DEFAULTS.settleClockMs).catch(ignorePageError);
    await page
      .waitForLoadState('networkidle', { timeout: Math.min(forLoading(), SCREENSHOT_DEFAULTS.networkIdleCapMs) })
      .catch(ignoreTimeout);
    const png = await page.screenshot({
      type: 'png',
      animations: 'disabled',
      caret: 'hide',
      scale: 'css',
      timeout: remaining(),
      mask: (options.ignoreSelectors ?? []).map((selector) => page.locator(selector)),
      maskColor: MASK_COLOR,
    });
    return {
      ok: true,
      png,
      finalUrl,
      status: response?.status() ?? main.status,
      ms: elapsed(),
      requests: log.requests,
      refused,
    };
  } catch (error) {
    return { ok: false, ...describeFailure(error, timeoutMs), ms: elapsed(), refused };
  } finally {
    await context?.close().catch(() => undefined); // Already gone when the browser crashed.
    await fetcher.close();
  }
}

/**
 * Chrome's own user agent without "HeadlessChrome": the screenshot is meant to show what a visitor
 * sees, and some portals turn headless browsers away. Other checks identify as the monitor.
 */
export function visitorUserAgent(browserVersion: string): string {
  const major = browserVersion.split('.')[0] || '130';
  return `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36`;
}

function describeFailure(
  error: unknown,
  timeoutMs: number,
): { reason: ScreenshotFailureReason; code: string; message: string } {
  const message = firstLine(error);
  if (isTimeout(error))
    return { reason: 'timeout', code: 'PAGE_TIMEOUT', message: `page not rendered within ${timeoutMs} ms: ${message}` };
  const netCode = /net::(ERR_[A-Z_]+)/.exec(message)?.[1];
  if (netCode) return { reason: 'navigation', code: netCode, message };
  if (/has been closed|Target closed|crash/i.test(message))
    return { reason: 'browser', code: 'BROWSER_CLOSED', message };
  return { reason: 'browser', code: 'BROWSER_ERROR', message };
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error)
    .split('\n')[0]!
    .slice(0, 500);
}

function withoutHash(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

/**
 * playwright-core's `errors.TimeoutError`, known by its name: importing the library for the class
 * would load it (about 90 MB of RSS) into every run, even one that never starts the browser.
 */
function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError';
}

function ignoreTimeout(error: unknown): void {
  if (!isTimeout(error)) throw error;
}

/** A page script that throws while its timers run is the page's business, not a failed capture. */
function ignorePageError(error: unknown): void {
  if (/has been closed|Target closed/i.test(firstLine(error))) throw error;
}
