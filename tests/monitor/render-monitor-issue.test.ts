import { describe, expect, it } from 'vitest';
import { cadenceSummary } from '../../checks/monitor/cadence-summary.ts';
import {
  monitorBody,
  monitorLabels,
  monitorMarker,
  monitorOrphanComment,
  monitorRecoveredComment,
  monitorTitle,
  type MonitorBodyInput,
} from '../../checks/monitor/render-monitor-issue.ts';

const NOW = new Date('2026-11-26T03:00:00.000Z');
const TICKS = [
  '2026-11-26T02:00:00.000Z',
  '2026-11-26T02:05:00.000Z',
  '2026-11-26T02:13:00.000Z',
  '2026-11-26T03:00:00.000Z',
];
const INPUT: MonitorBodyInput = {
  cause: 'late-ticks',
  gapFrom: '2026-11-26T02:13:00.000Z',
  startedAt: NOW.toISOString(),
  gapMs: 47 * 60_000,
  maxGapMinutes: 20,
  recovery: 2,
  cadence: cadenceSummary(TICKS, NOW),
  timeZone: 'Asia/Ho_Chi_Minh',
  repository: 'so-tttt/canh-gac',
  serverUrl: 'https://github.com',
  apiUrl: 'https://api.github.com',
};

describe('the monitor issue', () => {
  it('has a bilingual title with the gap, the monitor labels and a hidden marker', () => {
    expect(monitorTitle(47 * 60_000)).toBe(
      '[Sự cố] Canh Gác chạy trễ: không có lượt kiểm tra nào trong 47 phút / Canh Gác running late: no tick for 47 min',
    );
    expect(monitorTitle(135 * 60_000)).toBe(
      '[Sự cố] Canh Gác chạy trễ: không có lượt kiểm tra nào trong 2 giờ 15 phút / Canh Gác running late: no tick for 2 h 15 min',
    );
    expect(monitorLabels()).toEqual(['incident', 'kind:monitor', 'severity:major']);
    expect(monitorMarker('late-ticks')).toBe('<!-- canhgac:monitor cause=late-ticks -->');
  });

  it('states the gap, the expected cadence, the last 24 h and what to do', () => {
    const lines = monitorBody(INPUT).split('\n');
    expect(lines[0]).toBe('<!-- canhgac:monitor cause=late-ticks -->');
    expect(lines).toContain('**Từ / From:** 26/11/2026 09:13 **đến / to:** 26/11/2026 10:00 (Asia/Ho_Chi_Minh)');
    expect(lines).toContain(
      '**24 giờ qua / Last 24 h:** 4 lượt / ticks; trung vị khoảng cách / median gap 8 phút / 8 min; dài nhất / longest 47 phút / 47 min.',
    );
    expect(lines.filter((l) => l.startsWith('| ')).slice(0, 5)).toEqual([
      '| Giờ / Hour | Lượt / Ticks |',
      '| --- | ---: |',
      '| 09:00–10:00 | 3 |',
      '| 08:00–09:00 | 1 |',
      '| 07:00–08:00 | 0 |',
    ]);
    expect(lines.filter((l) => /^\| \d/.test(l))).toHaveLength(24);
    expect(lines).toContain('  - `workflow_dispatch`: `gh workflow run tick.yml --repo so-tttt/canh-gac`');
    expect(lines).toContain(
      '  - `repository_dispatch` (loại / type `canhgac-tick`): `curl -X POST -H "Authorization: Bearer $TOKEN" -H "Accept: application/vnd.github+json" https://api.github.com/repos/so-tttt/canh-gac/dispatches -d \'{"event_type":"canhgac-tick"}\'`',
    );
    expect(
      lines.some(
        (l) =>
          l.startsWith('- Xem tab Actions') &&
          l.endsWith(' https://github.com/so-tttt/canh-gac/actions/workflows/tick.yml'),
      ),
    ).toBe(true);
    expect(
      lines.some(
        (l) => l.startsWith('**Lịch mong đợi / Expected cadence:** mỗi 5 phút') && l.includes('more than 20 min apart'),
      ),
    ).toBe(true);
    expect(lines.at(-2)).toBe(
      '- Hướng dẫn / Guide: https://github.com/so-tttt/canh-gac/blob/main/docs/operators.md (Nhịp chạy thật sự và bộ hẹn giờ ngoài / Real cadence and an external scheduler).',
    );
    expect(lines.at(-1)).toBe(
      '- Sự cố tự đóng sau 2 lượt liên tiếp cách nhau không quá 20 phút. / Closes by itself after 2 consecutive ticks at most 20 min apart.',
    );
  });

  it('without a known repository, names placeholders instead of links', () => {
    const body = monitorBody({ ...INPUT, repository: null });
    expect(body).toContain('`gh workflow run tick.yml --repo OWNER/REPO`');
    expect(body).toContain('https://api.github.com/repos/OWNER/REPO/dispatches');
    expect(body).toContain('Actions → tick');
    expect(body).toContain(
      '- Hướng dẫn / Guide: `docs/operators.md` (Nhịp chạy thật sự và bộ hẹn giờ ngoài / Real cadence and an external scheduler).',
    );
  });

  it('says recovery in both languages', () => {
    expect(monitorRecoveredComment(25 * 60_000, 2, 20)).toBe(
      '**Đã khôi phục / Recovered** sau / after 25 phút / 25 min: 2 lượt liên tiếp cách nhau không quá 20 phút / 2 consecutive ticks at most 20 min apart.',
    );
    expect(monitorOrphanComment(20)).toBe(
      '**Đã khôi phục / Recovered:** các lượt kiểm tra lại đúng lịch (cách nhau không quá 20 phút) / ticks are on time again (at most 20 min apart).',
    );
  });
});
