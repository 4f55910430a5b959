import { describe, expect, test } from 'vitest';
import { formatMs, niceMax, responseChart, type ChartBox } from '../../site/lib/response-chart.ts';

const box: ChartBox = { width: 110, height: 60, left: 10, right: 0, top: 10, bottom: 0 }; // plot 100 × 50

test.each([
  [0, 100],
  [99, 100],
  [101, 200],
  [201, 250],
  [480, 500],
  [501, 1000],
  [1500, 2000],
  [2400, 2500],
  [31_000, 50_000],
])('niceMax(%d) = %d', (value, max) => expect(niceMax(value)).toBe(max));

test('formatMs groups thousands per language', () => {
  expect([formatMs(1500, 'vi'), formatMs(1500, 'en'), formatMs(87.6, 'vi')]).toEqual(['1.500 ms', '1,500 ms', '88 ms']);
});

describe('responseChart', () => {
  test('no values: no chart', () => {
    expect(responseChart([{ date: '2026-11-26', p50: null, p95: null }], 'vi', box)).toBeNull();
  });

  test('lines, a gap that breaks them, a lone day as a dot, axis ticks and three date labels', () => {
    const days = [
      { date: '2026-11-22', p50: 100, p95: 200 },
      { date: '2026-11-23', p50: 50, p95: 150 },
      { date: '2026-11-24', p50: null, p95: null },
      { date: '2026-11-25', p50: 100, p95: 180 },
      { date: '2026-11-26', p50: null, p95: 190 },
    ];
    const chart = responseChart(days, 'en', box)!;
    expect(chart.yMax).toBe(200);
    expect(chart.p50).toBe('M10 35L35 48M85 35h0');
    expect(chart.p95).toBe('M10 10L35 23M85 15L110 13');
    expect(chart.yTicks).toEqual([
      { y: 60, label: '0 ms' },
      { y: 48, label: '50 ms' },
      { y: 35, label: '100 ms' },
      { y: 23, label: '150 ms' },
      { y: 10, label: '200 ms' },
    ]);
    expect(chart.xLabels).toEqual([
      { x: 10, label: '22/11' },
      { x: 60, label: '24/11' },
      { x: 110, label: '26/11' },
    ]);
  });

  test('one day sits in the middle', () => {
    const chart = responseChart([{ date: '2026-11-26', p50: 120, p95: 300 }], 'vi', box)!;
    expect(chart.yMax).toBe(500);
    expect(chart.p50).toBe('M60 48h0');
    expect(chart.xLabels).toEqual([{ x: 60, label: '26/11' }]);
  });
});
