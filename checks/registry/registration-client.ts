import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';

const GitHub = Octokit.plugin(throttling, retry);
export type RegistrationClient = InstanceType<typeof GitHub>;

export interface RegistrationClientOptions {
  /** REST base: `GITHUB_API_URL` (`https://api.github.com`, or `https://HOST/api/v3` on GitHub Enterprise Server). */
  readonly apiUrl: string;
  readonly token: string;
  /** Per attempt, body included. Default 15 000. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof globalThis.fetch;
  /** Milliseconds per second GitHub asks to wait; tests use 1. Default 1000. */
  readonly msPerSecond?: number;
  /** GitHub's advice, writes ≥ 1 s apart; tests turn it off. Default true. */
  readonly spaceWrites?: boolean;
  /** Waits and retries along the way. */
  readonly onNotice?: (message: string) => void;
}

/**
 * The octokit client the registration workflow answers with, set up as the incident backend's
 * (incidents/github-backend.ts): throttling that honours `retry-after` and rate-limit resets (twice
 * per request at most), retries of 5xx for requests safe to repeat, a timeout per attempt, and a
 * base URL so tests point it at tests/support/fake-github.ts.
 */
export function createRegistrationClient(options: RegistrationClientOptions): RegistrationClient {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const baseFetch = options.fetch ?? globalThis.fetch;
  const notice = options.onNotice ?? (() => {});
  const msPerSecond = options.msPerSecond ?? 1000;
  const timedFetch: typeof globalThis.fetch = async (input, init) => {
    const timer = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timer]) : timer;
    const response = await baseFetch(input, { ...init, signal });
    // Read the body under the same timer: octokit would take a body cut short for "".
    const body = [204, 205, 304].includes(response.status) ? null : await response.arrayBuffer();
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      notice(
        `github: ${kind} rate limit on ${request.method} ${request.url}; ${retryCount < 2 ? `retrying in ${retryAfter} s` : 'giving up'}`,
      );
      return retryCount < 2 && retryAfter <= 60;
    };
  const unspaced = () => new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });
  return new GitHub({
    auth: options.token,
    baseUrl: options.apiUrl.replace(/\/+$/, ''),
    userAgent: 'canh-gac',
    request: { fetch: timedFetch },
    log: { debug: () => {}, info: () => {}, warn: (m: string) => notice(`github: ${m}`), error: () => {} },
    throttle: {
      id: 'canh-gac-register',
      retryAfterBaseValue: msPerSecond,
      ...(options.spaceWrites === false ? { write: unspaced(), notifications: unspaced(), search: unspaced() } : {}),
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
    } satisfies ThrottlingOptions,
    retry: { retries: 3, retryAfterBaseValue: msPerSecond, doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451] },
  });
}
