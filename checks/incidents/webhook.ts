import { createHmac } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * The optional generic webhook (`incidents.webhook` in config): one JSON POST when an incident
 * opens, escalates or resolves, so a chat bridge or a paging system can follow incidents without
 * reading GitHub. It is a courtesy: a failing receiver becomes a notice of the run, never a failed
 * run, so `postWebhook` never throws.
 */

/**
 * The payload, exactly. Built from our records only: site name from config, kinds and severities
 * from closed sets, addresses we made. No text taken from monitored pages goes in.
 */
export type WebhookEvent = {
  event: 'open' | 'escalate' | 'resolve';
  incident: {
    id: string;
    siteId: string;
    siteName: string;
    kind: string;
    severity: string;
    startedAt: string;
    resolvedAt: string | null;
    issueUrl: string | null;
    internalUrl: string | null;
  };
  at: string;
};

export interface WebhookConfig {
  readonly url: string;
  /** HMAC key; when set, the body is signed in `x-canhgac-signature-256` as GitHub signs its webhooks. */
  readonly secret?: string | undefined;
  /** Per attempt. */
  readonly timeoutMs: number;
}

export interface WebhookDeps {
  readonly fetch?: typeof fetch;
  /** Accepted for the callers' uniform deps; the payload's own `at` is the event's time. */
  readonly now: Date;
  /** Waits before the retry; tests pass one that does not wait. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export type WebhookResult = { ok: true; status: number } | { ok: false; error: string };

const RETRY_DELAY_MS = 2_000;

const NETWORK_TEXT: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed',
};

type Attempt =
  | { kind: 'response'; status: number; statusText: string }
  | { kind: 'network'; text: string }
  | { kind: 'timeout' };

/**
 * POSTs `event` to `config.url`. Retries once, after a short wait, when the receiver answers 5xx or
 * the connection fails; not after a timeout (a receiver that took the whole timeout once would
 * likely hold the run up again) nor after 4xx (the request itself is wrong). Redirects are not
 * followed: fetch would turn the POST into a GET. Errors name the receiver's origin only, never the
 * full URL, whose path often carries a token (Slack, Teams, Discord).
 */
export async function postWebhook(
  config: WebhookConfig,
  event: WebhookEvent,
  deps: WebhookDeps,
): Promise<WebhookResult> {
  let where: string;
  try {
    where = new URL(config.url).host;
  } catch {
    return { ok: false, error: 'webhook: the configured URL is not a valid URL' };
  }
  try {
    const doFetch = deps.fetch ?? globalThis.fetch;
    const sleep = deps.sleep ?? ((ms: number) => delay(ms));
    const body = JSON.stringify(payloadOf(event));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'CanhGac',
      'x-canhgac-event': event.event,
    };
    if (config.secret)
      headers['x-canhgac-signature-256'] = `sha256=${createHmac('sha256', config.secret).update(body).digest('hex')}`;

    const attempt = async (): Promise<Attempt> => {
      try {
        const response = await doFetch(config.url, {
          method: 'POST',
          headers,
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(config.timeoutMs),
        });
        // The answer's body is of no use; discarding it frees the connection.
        await response.body?.cancel().catch(() => undefined);
        return { kind: 'response', status: response.status, statusText: response.statusText };
      } catch (error) {
        if (isTimeout(error)) return { kind: 'timeout' };
        return { kind: 'network', text: networkText(error) };
      }
    };

    let result = await attempt();
    let attempts = 1;
    if (result.kind === 'network' || (result.kind === 'response' && result.status >= 500)) {
      await sleep(RETRY_DELAY_MS);
      result = await attempt();
      attempts = 2;
    }
    const tries = attempts === 2 ? ', after a retry' : '';
    switch (result.kind) {
      case 'response':
        if (result.status >= 200 && result.status < 300) return { ok: true, status: result.status };
        return {
          ok: false,
          error: `webhook to ${where} answered HTTP ${result.status}${result.statusText ? ` ${result.statusText}` : ''}${tries}`,
        };
      case 'timeout':
        return { ok: false, error: `webhook to ${where} timed out after ${config.timeoutMs} ms${tries}` };
      case 'network':
        return { ok: false, error: `webhook to ${where} failed: ${result.text}${tries}` };
    }
  } catch (error) {
    // Only a bug of ours lands here; still a notice, not a crashed run.
    return {
      ok: false,
      error: `webhook to ${where} failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** The documented fields and no others, whatever else the caller's object carries. */
function payloadOf(event: WebhookEvent): WebhookEvent {
  const i = event.incident;
  return {
    event: event.event,
    incident: {
      id: i.id,
      siteId: i.siteId,
      siteName: i.siteName,
      kind: i.kind,
      severity: i.severity,
      startedAt: i.startedAt,
      resolvedAt: i.resolvedAt,
      issueUrl: i.issueUrl,
      internalUrl: i.internalUrl,
    },
    at: event.at,
  };
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown })?.name;
  return (
    name === 'TimeoutError' ||
    (name === 'AbortError' && (error as { cause?: { name?: unknown } }).cause?.name === 'TimeoutError')
  );
}

/** `connection refused (ECONNREFUSED)`: fetch says only "fetch failed"; the code is in its cause. */
function networkText(error: unknown): string {
  const cause = (error as { cause?: unknown })?.cause;
  const code = [cause, error]
    .map((e) => (e as { code?: unknown })?.code)
    .find((c): c is string => typeof c === 'string');
  if (code) return `${NETWORK_TEXT[code] ?? 'network error'} (${code})`;
  const message = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
  return message;
}
