import { describe, expect, it } from 'vitest';
import type { ProbeAttempt } from '../../checks/probes/http-probe.ts';
import { domainOfHost } from '../../checks/analysis/registrable-domain.ts';
import { judgeAttempt } from '../../checks/run/judge-attempt.ts';

function answered(status: number, finalUrl: string, total: number): ProbeAttempt {
  return {
    failure: null,
    redirects: [],
    dns: null,
    tls: null,
    page: null,
    totalMs: total,
    http: {
      status,
      finalUrl,
      redirects: [],
      timings: { dns: 0, connect: 0, tls: 0, ttfb: 0, total },
      headers: {},
      bytes: 0,
      charset: 'utf-8',
    },
  };
}
const settings = { degraded_ms: 5000 };

describe('judgeAttempt', () => {
  it('is up for a fast 2xx on the same registrable domain, also after www redirects', () => {
    expect(
      judgeAttempt(answered(200, 'https://www.hanoi.gov.vn/', 300), 'https://hanoi.gov.vn/', undefined, settings),
    ).toEqual({ state: 'up', reason: null, error: null });
  });
  it('is down on an unexpected status and says what was expected', () => {
    expect(judgeAttempt(answered(503, 'https://a.gov.vn/', 300), 'https://a.gov.vn/', undefined, settings)).toEqual({
      state: 'down',
      reason: 'http-status',
      error: { code: 'HTTP_503', message: 'final status 503, expected 2xx' },
    });
    expect(
      judgeAttempt(answered(200, 'https://a.gov.vn/', 300), 'https://a.gov.vn/', [301, 302], settings).error?.message,
    ).toBe('final status 200, expected 301 or 302');
    expect(judgeAttempt(answered(403, 'https://a.gov.vn/', 300), 'https://a.gov.vn/', 403, settings).state).toBe('up');
  });
  it('is degraded when redirects end on another registrable domain (merged provinces do this)', () => {
    expect(
      judgeAttempt(answered(200, 'https://tinh-moi.gov.vn/', 300), 'https://tinh-cu.gov.vn/', undefined, settings),
    ).toEqual({
      state: 'degraded',
      reason: 'redirect-offsite',
      error: { code: 'REDIRECT_OFFSITE', message: 'redirects end on tinh-moi.gov.vn, not tinh-cu.gov.vn' },
    });
  });
  it('is degraded when slower than degraded_ms', () => {
    expect(
      judgeAttempt(answered(200, 'https://a.gov.vn/', 5001), 'https://a.gov.vn/', undefined, settings),
    ).toMatchObject({ state: 'degraded', reason: 'slow' });
  });
  it('is down with the probe failure as it came', () => {
    const failed: ProbeAttempt = {
      failure: { reason: 'tls-expired', code: 'CERT_HAS_EXPIRED', message: 'x' },
      redirects: [],
      dns: null,
      tls: null,
      http: null,
      page: null,
      totalMs: 1,
    };
    expect(judgeAttempt(failed, 'https://a.gov.vn/', undefined, settings)).toEqual({
      state: 'down',
      reason: 'tls-expired',
      error: { code: 'CERT_HAS_EXPIRED', message: 'x' },
    });
  });
  it('knows public suffixes', () => {
    expect(domainOfHost('www.moj.gov.vn')).toBe('moj.gov.vn');
    expect(domainOfHost('127.0.0.1')).toBe('127.0.0.1');
  });
});
