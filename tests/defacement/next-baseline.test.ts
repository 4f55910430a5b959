import { describe, expect, it } from 'vitest';
import { createBaseline } from '../../checks/analysis/baseline.ts';
import { extractPageModel } from '../../checks/analysis/page-model.ts';
import { nextBaseline } from '../../checks/defacement/inspect-site.ts';

const model = extractPageModel(
  '<html lang="vi"><head><title>Cổng thông tin điện tử tỉnh Mẫu</title></head><body><h1>Tin tức</h1><p>Ủy ban nhân dân tỉnh Mẫu</p></body></html>',
  'https://tinhmau.example.org/',
);
const at = (hours: number) => new Date(Date.UTC(2026, 10, 2) + hours * 3_600_000);

describe('nextBaseline', () => {
  it('creates on first sight and never writes for a suspicious observation', () => {
    expect(nextBaseline(null, 'create', model, at(0), 720)?.capturedAt).toBe(at(0).toISOString());
    expect(nextBaseline(createBaseline(model, at(0)), 'keep', model, at(100), 720)).toBeNull();
  });

  it('learns on a doubling schedule, 1 h, 2 h, 4 h … capped at the configured hours', () => {
    let baseline = createBaseline(model, at(0));
    const writes: number[] = [];
    for (let hour = 1; hour <= 24 * 90; hour++) {
      const next = nextBaseline(baseline, 'update', model, at(hour), 720);
      if (next) {
        writes.push(hour);
        baseline = next;
      }
    }
    expect(writes.slice(0, 6)).toEqual([1, 3, 7, 15, 31, 63]);
    const gaps = writes.slice(1).map((h, i) => h - writes[i]!);
    expect(Math.max(...gaps)).toBe(720);
    // A quarter: ten writes of learning in the first six weeks, then monthly.
    expect(writes).toEqual([1, 3, 7, 15, 31, 63, 127, 255, 511, 1023, 1743]);
  });
});
