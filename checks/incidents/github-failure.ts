import { STATUS_CODES } from 'node:http';
import { BackendError } from './backend.ts';

/**
 * One attempt got no complete answer within the backend's timeout. Named `AbortError` on purpose:
 * @octokit/request rethrows such errors untouched and @octokit/plugin-retry does not repeat them,
 * so a hanging GitHub costs one timeout per call, not four plus backoff.
 */
export class AttemptTimeoutError extends Error {
  override readonly name = 'AbortError';
  readonly timeoutMs: number;
  constructor(timeoutMs: number, cause: unknown) {
    super(`no answer within ${timeoutMs} ms`, { cause });
    this.timeoutMs = timeoutMs;
  }
}

/** What was being done, for the message: `creating an issue`, `updating issue #4`. */
export interface FailedCall {
  readonly action: string;
  readonly repository: string;
  /** A write that may have taken effect even though it failed (a 5xx, timeout or dropped connection after sending). */
  readonly mayHaveHappened: boolean;
  /** Whether GET-like: a 403 then means the token cannot read, not write. */
  readonly write: boolean;
  /** How many attempts a 5xx or network failure got (1 + retries), for the message. */
  readonly attempts: number;
  /** The token permissions the call needs, for the hint on a 403. Default `issues`. */
  readonly permissions?: string;
}

interface HttpLikeError {
  status: number;
  message: string;
  response?: { headers: Record<string, string | undefined>; data: unknown };
}

const isHttpLike = (e: unknown): e is HttpLikeError =>
  typeof e === 'object' && e !== null && typeof (e as { status?: unknown }).status === 'number';

/** GitHub's own words (`data.message` without the documentation link), else the standard reason phrase. */
function reasonOf(status: number, data: unknown): string {
  if (typeof data === 'object' && data !== null && typeof (data as { message?: unknown }).message === 'string') {
    const { message, errors } = data as { message: string; errors?: unknown };
    const details = Array.isArray(errors)
      ? errors.map((e) =>
          typeof e === 'object' && e !== null
            ? [
                (e as Record<string, unknown>).resource,
                (e as Record<string, unknown>).field,
                (e as Record<string, unknown>).code,
              ]
                .filter(Boolean)
                .join(' ')
            : String(e),
        )
      : [];
    return details.length ? `${message} (${details.join('; ')})` : message;
  }
  return STATUS_CODES[status] ?? 'error';
}

/** `true` when a 403/429 is GitHub's primary or secondary rate limit rather than a permission problem. */
export function isRateLimited(status: number, message: string, headers: Record<string, string | undefined>): boolean {
  return (
    (status === 403 || status === 429) &&
    (/\bsecondary rate\b/i.test(message) || headers['x-ratelimit-remaining'] === '0')
  );
}

/** The wait GitHub asked for, in seconds, from `retry-after` or `x-ratelimit-reset`; null when it named none. */
export function askedWaitS(headers: Record<string, string | undefined>, nowMs: number): number | null {
  const after = Number(headers['retry-after']);
  if (Number.isFinite(after) && after > 0) return after;
  const reset = Number(headers['x-ratelimit-reset']);
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, Math.ceil(reset - nowMs / 1000));
  return null;
}

/**
 * Turns whatever octokit threw into a `BackendError` whose message names the call, the repository
 * and the HTTP status, with a hint at the usual cause. Retryable: rate limits, 5xx, timeouts and
 * network errors (a later run may succeed); not: 4xx, which need a person (token, permissions).
 */
export function backendErrorFrom(error: unknown, call: FailedCall, nowMs: number): BackendError {
  const head = `github: ${call.action} in ${call.repository} failed:`;
  const maybe = call.mayHaveHappened ? ' — it may have taken effect anyway; look before repeating it' : '';
  const tries = call.attempts > 1 ? ` (${call.attempts} attempts)` : '';
  if (error instanceof AttemptTimeoutError) {
    return new BackendError(`${head} ${error.message}${maybe}`, { status: null, retryable: true, cause: error });
  }
  if (error instanceof BackendError) return error;
  if (!isHttpLike(error)) {
    const text = error instanceof Error ? error.message : String(error);
    return new BackendError(`${head} ${text}`, { status: null, retryable: false, cause: error });
  }
  if (!error.response) {
    // @octokit/request reports a failed fetch (refused, reset, DNS) as status 500 without a response.
    return new BackendError(`${head} network error: ${error.message}${tries}${maybe}`, {
      status: null,
      retryable: true,
      cause: error,
    });
  }
  const { status } = error;
  const headers = error.response.headers;
  const reason = reasonOf(status, error.response.data);
  const line = `${head} ${status} ${reason}`;
  if (isRateLimited(status, error.message, headers)) {
    const wait = askedWaitS(headers, nowMs);
    return new BackendError(
      `${line} — rate limited${wait === null ? '' : ` (GitHub asks to wait ${wait} s)`}; a later run will retry`,
      { status, retryable: true, cause: error },
    );
  }
  if (status >= 500) return new BackendError(`${line}${tries}${maybe}`, { status, retryable: true, cause: error });
  const hint =
    status === 401
      ? ' — is the token (GITHUB_TOKEN) set, valid and not expired?'
      : status === 403
        ? call.write
          ? ` — does the token have ${call.permissions ?? 'issues'}: write?`
          : ` — can the token read this repository (${call.permissions ?? 'issues'}: read)?`
        : '';
  return new BackendError(`${line}${hint}`, { status, retryable: status === 408, cause: error });
}
