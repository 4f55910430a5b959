import { describe, expect, it } from 'vitest';
import { RESPONSE_BUCKETS_MS } from '../../checks/schemas/history.ts';
import type { StatusFile } from '../../checks/schemas/status.ts';
import { bucketIndex, emptyHistory, percentile, recordCheck } from '../../checks/store/record-history.ts';
import { localDate } from '../../checks/time/local-time.ts';
import { dailySummaries } from '../../checks/store/summarise-history.ts';

const TZ = 'Asia/Ho_Chi_Minh';

function status(checkedAt: string, state: StatusFile['state'], totalMs = 300): StatusFile {
  return {
    id: 'so-a',
    checkedAt,
    state,
    reason: state === 'down' ? 'connect-refused' : state === 'degraded' ? 'slow' : null,
    error: null,
    attempts: 1,
    firstReason: null,
    url: 'https://a.example.org/',
    http:
      state === 'down'
        ? null
        : {
            status: 200,
            finalUrl: 'https://a.example.org/',
            redirects: [],
            timings: { dns: 1, connect: 1, tls: 1, ttfb: 1, total: totalMs },
            headers: {},
            bytes: 1,
            charset: 'utf-8',
          },
    tls: null,
    dns: null,
    defacement: null,
  };
}

describe('localDate', () => {
  it('uses the deployment time zone: 17:00Z is already the next day in Hanoi', () => {
    expect(localDate(new Date('2026-11-24T16:59:59Z'), TZ)).toBe('2026-11-24');
    expect(localDate(new Date('2026-11-24T17:00:00Z'), TZ)).toBe('2026-11-25');
  });
});

describe('recordCheck', () => {
  it('counts states, records state changes, and closes a day when the local date moves on', () => {
    let h = emptyHistory('so-a');
    h = recordCheck(h, status('2026-11-24T01:00:00Z', 'up', 120), TZ);
    h = recordCheck(h, status('2026-11-24T01:05:00Z', 'down'), TZ);
    h = recordCheck(h, status('2026-11-24T01:10:00Z', 'degraded', 6000), TZ);
    h = recordCheck(h, status('2026-11-24T01:15:00Z', 'degraded', 6100), TZ);
    expect(h.today).toMatchObject({ date: '2026-11-24', checks: 4, up: 1, degraded: 2, down: 1 });
    expect(h.events).toEqual([
      { at: '2026-11-24T01:00:00Z', from: null, to: 'up', reason: null },
      { at: '2026-11-24T01:05:00Z', from: 'up', to: 'down', reason: 'connect-refused' },
      { at: '2026-11-24T01:10:00Z', from: 'down', to: 'degraded', reason: 'slow' },
    ]);
    expect(h.state).toBe('degraded');
    expect(h.since).toBe('2026-11-24T01:10:00Z');
    h = recordCheck(h, status('2026-11-24T17:00:00Z', 'up', 200), TZ);
    expect(h.days).toEqual([['2026-11-24', 4, 1, 2, 1, 5375, 6388]]);
    expect(h.today).toMatchObject({ date: '2026-11-25', checks: 1, up: 1 });
  });

  it('keeps 90+ days of daily uptime and percentiles', () => {
    let h = emptyHistory('so-a');
    const start = Date.parse('2026-01-01T05:00:00Z');
    for (let day = 0; day < 120; day++) {
      for (let run = 0; run < 4; run++) {
        const at = new Date(start + day * 86_400_000 + run * 3_600_000).toISOString();
        h = recordCheck(h, status(at, run === 3 && day % 2 === 1 ? 'down' : 'up', 100 + run * 100), TZ);
      }
    }
    const days = dailySummaries(h, 90);
    expect(days).toHaveLength(90);
    expect(days.at(-1)).toEqual({ date: '2026-04-30', checks: 4, uptime: 0.75, p50: 175, p95: 293 });
    expect(days.at(-2)).toEqual({ date: '2026-04-29', checks: 4, uptime: 1, p50: 200, p95: 380 });
  });
});

describe('percentile', () => {
  it('interpolates inside the bucket and is null for no data', () => {
    const buckets = new Array(RESPONSE_BUCKETS_MS.length + 1).fill(0);
    expect(percentile(buckets, 0.5)).toBeNull();
    buckets[bucketIndex(120)] = 10; // 100–150 ms bucket
    expect(percentile(buckets, 0.5)).toBe(125);
    expect(percentile(buckets, 0.95)).toBe(148);
    buckets[bucketIndex(99_000)] = 90; // open-ended bucket reports its lower bound
    expect(percentile(buckets, 0.95)).toBe(30_000);
  });

  it('places a response time in the first bucket whose upper bound holds it', () => {
    expect(bucketIndex(0)).toBe(0);
    expect(bucketIndex(50)).toBe(0);
    expect(bucketIndex(51)).toBe(1);
    expect(bucketIndex(30_001)).toBe(RESPONSE_BUCKETS_MS.length);
  });
});
