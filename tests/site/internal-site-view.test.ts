import { expect, test } from 'vitest';
import type { StatusFile } from '../../checks/schemas/status.ts';
import { stableStatus } from '../../site/lib/internal-site-view.ts';

const status: StatusFile = {
  id: 'so-a',
  checkedAt: '2026-11-26T02:55:07.000Z',
  state: 'up',
  reason: null,
  error: null,
  attempts: 1,
  firstReason: null,
  url: 'https://so-a.gov.vn/',
  http: {
    status: 200,
    finalUrl: 'https://so-a.gov.vn/',
    redirects: [{ url: 'http://so-a.gov.vn/', status: 301 }],
    timings: { dns: 3, connect: 12, tls: 20, ttfb: 80, total: 1234 },
    headers: { server: 'nginx', etag: '"abc"' },
    bytes: 123456,
    charset: 'utf-8',
  },
  tls: {
    subject: 'CN=so-a.gov.vn',
    sans: ['so-a.gov.vn'],
    issuer: "Let's Encrypt R11",
    validFrom: '2026-09-01T00:00:00.000Z',
    validTo: '2026-12-01T00:00:00.000Z',
    daysLeft: 4.88,
    fingerprint: 'AB:CD',
    protocol: 'TLSv1.3',
    error: null,
  },
  dns: { addresses: ['203.0.113.7'], cname: [], ms: 4.5, error: null },
  defacement: {
    verdict: 'clean',
    score: 0,
    signals: [],
    baseline: { capturedAt: '2026-11-01T00:00:00.000Z' },
    analysed: { pageSha256: 'a'.repeat(64), contextSha256: 'b'.repeat(64), baselineUpdatedAt: null },
  },
};

/** The next run of the same site, unchanged: new time, timings, size, headers, DNS time, judgement basis. */
const next: StatusFile = {
  ...status,
  checkedAt: '2026-11-26T03:00:04.000Z',
  http: {
    ...status.http!,
    timings: { dns: 5, connect: 9, tls: 25, ttfb: 99, total: 1300 },
    headers: { server: 'nginx', etag: '"def"' },
    bytes: 123470,
  },
  tls: { ...status.tls!, daysLeft: 4.87 },
  dns: { ...status.dns!, ms: 7.25 },
  defacement: {
    ...status.defacement!,
    analysed: { pageSha256: 'c'.repeat(64), contextSha256: 'b'.repeat(64), baselineUpdatedAt: null },
  },
};

test('two runs that saw the site the same way give the same view, serialised the same', () => {
  expect(stableStatus(next)).toEqual(stableStatus(status));
  expect(JSON.stringify(stableStatus(next))).toBe(JSON.stringify(stableStatus(status)));
});

test('the view holds none of what every run changes', () => {
  const text = JSON.stringify(stableStatus(status));
  for (const left of ['checkedAt', 'timings', 'headers', 'bytes', '"ms"', 'daysLeft', 'analysed', 'etag'])
    expect(text).not.toContain(left);
  expect(stableStatus({ ...status, http: null, tls: null, dns: null, defacement: null })).toMatchObject({
    http: null,
    tls: null,
    dns: null,
    defacement: null,
  });
});

test('what the page shows is in it: a change of state, status, certificate, address or verdict changes it', () => {
  const base = JSON.stringify(stableStatus(status));
  const changes: StatusFile[] = [
    { ...status, state: 'down', reason: 'timeout' },
    { ...status, attempts: 2 },
    { ...status, http: { ...status.http!, status: 503 } },
    { ...status, http: { ...status.http!, charset: 'windows-1258' } },
    { ...status, tls: { ...status.tls!, fingerprint: 'EF:01' } },
    { ...status, dns: { ...status.dns!, addresses: ['203.0.113.8'] } },
    { ...status, defacement: { ...status.defacement!, verdict: 'suspected', score: 35 } },
    {
      ...status,
      defacement: {
        ...status.defacement!,
        baselineLost: { at: '2026-11-26T01:00:00.000Z', file: 'baselines/so-a.json.corrupt-1' },
      },
    },
  ];
  for (const changed of changes) expect(JSON.stringify(stableStatus(changed))).not.toBe(base);
});
