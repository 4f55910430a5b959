import { domainOfHost } from '../analysis/registrable-domain.ts';
import type { ProbeSettings } from '../schemas/config.ts';
import type { ErrorDetail, Reason, State } from '../schemas/status.ts';
import type { ProbeAttempt } from '../probes/http-probe.ts';

export interface Judgement {
  state: State;
  reason: Reason | null;
  error: ErrorDetail | null;
}

/**
 * Decides up / degraded / down from one attempt. Pure: an attempt that failed is down with its reason;
 * an unexpected final status is down; ending on another registrable domain or answering slower than
 * `degraded_ms` is degraded.
 */
export function judgeAttempt(
  attempt: ProbeAttempt,
  siteUrl: string,
  expectedStatus: number | readonly number[] | undefined,
  settings: Pick<ProbeSettings, 'degraded_ms'>,
): Judgement {
  if (attempt.failure) {
    const { reason, code, message } = attempt.failure;
    return {
      state: 'down',
      reason,
      error: { code, message, ...(attempt.redirects.length > 0 ? { redirects: attempt.redirects } : {}) },
    };
  }
  const http = attempt.http!;
  if (!statusIsExpected(http.status, expectedStatus)) {
    const wanted = expectedStatus === undefined ? '2xx' : [expectedStatus].flat().join(' or ');
    return {
      state: 'down',
      reason: 'http-status',
      error: { code: `HTTP_${http.status}`, message: `final status ${http.status}, expected ${wanted}` },
    };
  }
  const from = domainOfHost(new URL(siteUrl).hostname);
  const to = domainOfHost(new URL(http.finalUrl).hostname);
  if (from !== to) {
    return {
      state: 'degraded',
      reason: 'redirect-offsite',
      error: { code: 'REDIRECT_OFFSITE', message: `redirects end on ${to}, not ${from}` },
    };
  }
  if (http.timings.total > settings.degraded_ms) {
    return {
      state: 'degraded',
      reason: 'slow',
      error: {
        code: 'SLOW',
        message: `answered in ${Math.round(http.timings.total)} ms (degraded above ${settings.degraded_ms} ms)`,
      },
    };
  }
  return { state: 'up', reason: null, error: null };
}

export function statusIsExpected(status: number, expected: number | readonly number[] | undefined): boolean {
  if (expected === undefined) return status >= 200 && status < 300;
  return [expected].flat().includes(status);
}
