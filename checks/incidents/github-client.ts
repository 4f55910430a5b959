import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';
import { STATUS_CODES } from 'node:http';
import { AttemptTimeoutError } from './github-failure.ts';

const GitHub = Octokit.plugin(throttling, retry);
export type GithubClient = InstanceType<typeof GitHub>;

/** How hard to push against GitHub's limits. The defaults are for production; tests shrink the waits. */
export interface GithubThrottle {
  /** Milliseconds per second that GitHub asks to wait (retry-after, rate-limit reset, 5xx backoff). Default 1000; tests use 1. */
  readonly msPerSecond?: number;
  /** GitHub's advice: writes ≥ 1 s apart, issue and comment creation ≥ 3 s apart. Default true; tests turn it off. */
  readonly spaceWrites?: boolean;
  /** Repeats of a 5xx or dropped connection, for requests safe to repeat. Default 3 (waits 1, 4, 9 s). */
  readonly retries?: number;
  /** Repeats after a 403/429 rate limit, per request. Default 2. */
  readonly rateLimitRetries?: number;
  /** Most seconds (GitHub's seconds) one request waits on rate limits in total; beyond it the call fails, retryable. Default 60. */
  readonly maxWaitS?: number;
}

export interface GithubClientOptions {
  /** REST base, e.g. `https://api.github.com` or `https://HOST/api/v3` (GitHub Enterprise Server). */
  readonly apiUrl: string;
  readonly token: string;
  /** Per attempt, until the whole body has arrived. Default 15 000. A timed-out attempt is not repeated. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof globalThis.fetch;
  readonly throttle?: GithubThrottle;
  /** Waits, retries and server errors along the way (the final failure is thrown, not noticed). */
  readonly onNotice?: (message: string) => void;
}

/**
 * The octokit client every GitHub writer of the project uses (the incident backend, the site
 * registration's answer): throttling that honours `retry-after` and rate-limit resets within a
 * budget of waits per request, retries of 5xx and dropped connections for requests safe to repeat
 * (a caller passes `request: { retries: 0 }` for creations), a timeout per attempt that covers the
 * body, and a base URL, so tests point it at tests/support/fake-github.ts. `retries` is how many
 * repeats a failed call got, for its error message.
 */
export function createGithubClient(options: GithubClientOptions): {
  readonly octokit: GithubClient;
  readonly retries: number;
} {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const baseFetch = options.fetch ?? globalThis.fetch;
  const notice = options.onNotice ?? (() => {});
  const t = options.throttle ?? {};
  const msPerSecond = t.msPerSecond ?? 1000;
  const retries = t.retries ?? 3;
  const rateLimitRetries = t.rateLimitRetries ?? 2;
  const maxWaitS = t.maxWaitS ?? 60;

  // Each attempt gets its own timer, covering the body too: octokit reads a body cut short by an
  // abort as "" and would hand that back as data.
  const timedFetch: typeof globalThis.fetch = async (input, init) => {
    const timer = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timer]) : timer;
    const what = `${init?.method ?? 'GET'} ${new URL(input instanceof Request ? input.url : input).pathname}`;
    try {
      const response = await baseFetch(input, { ...init, signal });
      const body = [204, 205, 304].includes(response.status) ? null : await response.arrayBuffer();
      if (response.status >= 500)
        notice(`github: ${what} answered ${response.status} ${STATUS_CODES[response.status] ?? ''}`.trimEnd());
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      if (timer.aborted) {
        notice(`github: ${what} got no answer within ${timeoutMs} ms`);
        throw new AttemptTimeoutError(timeoutMs, error);
      }
      notice(
        `github: ${what} failed: ${error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error)}`,
      );
      throw error;
    }
  };

  // Rate-limit waits per request (retries of one request share its options object).
  const waited = new WeakMap<object, number>();
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const spent = waited.get(request) ?? 0;
      const go = retryCount < rateLimitRetries && spent + retryAfter <= maxWaitS;
      if (go) waited.set(request, spent + retryAfter);
      notice(
        `github: ${kind} rate limit on ${request.method} ${request.url}; ${go ? `retrying in ${retryAfter} s` : `not waiting ${retryAfter} s more (already waited ${spent} s, ${retryCount} retries)`}`,
      );
      return go;
    };
  const unspaced = () => new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });

  const octokit = new GitHub({
    auth: options.token,
    baseUrl: options.apiUrl.replace(/\/+$/, ''),
    userAgent: 'canh-gac',
    request: { fetch: timedFetch },
    log: { debug: () => {}, info: () => {}, warn: (m: string) => notice(`github: ${m}`), error: () => {} },
    throttle: {
      id: 'canh-gac',
      retryAfterBaseValue: msPerSecond,
      ...(t.spaceWrites === false ? { write: unspaced(), notifications: unspaced(), search: unspaced() } : {}),
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
    } satisfies ThrottlingOptions,
    // 429 belongs to the throttling plugin alone: otherwise the retry plugin repeats it even after
    // the rate-limit handler said no. 409 (a ref or file that changed meanwhile) needs a fresh read, not a repeat.
    retry: { retries, retryAfterBaseValue: msPerSecond, doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451] },
  });
  return { octokit, retries };
}
