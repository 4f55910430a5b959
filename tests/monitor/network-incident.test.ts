import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatVantageLine } from '../../checks/monitor/format-vantage-line.ts';
import { observeVantage } from '../../checks/monitor/monitor-track.ts';
import {
  monitorMarker,
  networkBody,
  networkOrphanComment,
  networkRecoveredComment,
  networkTitle,
} from '../../checks/monitor/render-monitor-issue.ts';
import type { MonitorSyncReport } from '../../checks/monitor/sync-monitor.ts';
import type { VantageJudgement } from '../../checks/monitor/vantage.ts';
import type { VantageReport } from '../../checks/monitor/vantage-tick.ts';
import { addVantage, appendJobSummary } from '../../checks/report/job-summary.ts';
import type { OpenMonitorIncident, VantageSummary } from '../../checks/schemas/monitor-incident.ts';

const NOW = new Date('2026-11-26T03:00:00.000Z');
const CUT: VantageJudgement = {
  failed: true,
  checked: 40,
  networkFailures: 38,
  share: 0.95,
  groupsAffected: 10,
  agenciesAffected: 12,
  reasons: [
    { reason: 'dns-timeout', count: 30 },
    { reason: 'connect-timeout', count: 8 },
  ],
  why: '95 % of 40 sites failed at the network level in 10 groups',
};
const HEALTHY: VantageJudgement = {
  ...CUT,
  failed: false,
  networkFailures: 1,
  share: 0.025,
  groupsAffected: 1,
  agenciesAffected: 1,
  reasons: [{ reason: 'dns', count: 1 }],
  why: 'share 2.5 % below 50 %',
};
const SUMMARY: VantageSummary = {
  checked: 40,
  networkFailures: 38,
  groupsAffected: 10,
  reasons: [
    { reason: 'dns-timeout', count: 30 },
    { reason: 'connect-timeout', count: 8 },
  ],
};
const OPEN: OpenMonitorIncident = {
  id: 'monitor--network--20261126T0300',
  cause: 'network',
  startedAt: NOW.toISOString(),
  gapFrom: NOW.toISOString(),
  gapMs: 0,
  longestGapMs: 0,
  issue: { backend: 'local', repository: 'incidents/local', number: 7, url: 'incidents/local/7.json' },
  closedByResponder: null,
  vantage: SUMMARY,
};
const sync = (actions: MonitorSyncReport['actions'], open: OpenMonitorIncident | null): MonitorSyncReport => ({
  files: [],
  actions,
  notices: [],
  open,
});

describe('observeVantage', () => {
  it.each([
    {
      name: 'a cut-off tick fails with what it saw',
      judgement: CUT,
      expected: { outcome: 'failing', cause: 'network', gapMs: 0, gapFrom: NOW.toISOString(), vantage: SUMMARY },
    },
    { name: 'a healthy tick is good', judgement: HEALTHY, expected: { outcome: 'good', gapMs: 0 } },
    {
      name: 'a tick that checked nothing proves nothing',
      judgement: { ...HEALTHY, checked: 0, networkFailures: 0, share: 0, reasons: [] },
      expected: { outcome: 'unknown' },
    },
  ])('$name', ({ judgement, expected }) => {
    expect(observeVantage(judgement, NOW)).toEqual(expected);
  });
});

describe('formatVantageLine', () => {
  const report = (judgement: VantageJudgement, incident: MonitorSyncReport | null): VantageReport => ({
    judgement,
    observation: observeVantage(judgement, NOW),
    incident,
  });
  it.each([
    {
      name: 'cut off, the issue just made',
      report: report(
        CUT,
        sync(
          [
            { action: 'open', issue: null },
            { action: 'create-issue', issue: 7 },
          ],
          OPEN,
        ),
      ),
      line: 'vantage: 38 of 40 sites failed at the network level (dns-timeout 30, connect-timeout 8): site incidents frozen this tick; monitor incident opened (#7)',
    },
    {
      name: 'still cut off',
      report: report(CUT, sync([], OPEN)),
      line: 'vantage: 38 of 40 sites failed at the network level (dns-timeout 30, connect-timeout 8): site incidents frozen this tick; monitor incident open (#7)',
    },
    {
      name: 'cut off with incidents off',
      report: report(CUT, null),
      line: 'vantage: 38 of 40 sites failed at the network level (dns-timeout 30, connect-timeout 8): site incidents frozen this tick; incidents off',
    },
    {
      name: 'healthy again, waiting for recovery',
      report: report(HEALTHY, sync([], OPEN)),
      line: 'vantage: 1 of 40 sites failed at the network level; monitor incident open (#7)',
    },
    {
      name: 'recovered',
      report: report(HEALTHY, sync([{ action: 'resolve', issue: 7 }], null)),
      line: 'vantage: 1 of 40 sites failed at the network level; monitor incident closed (#7): site incidents tracked again',
    },
    { name: 'healthy, nothing open: no line', report: report(HEALTHY, sync([], null)), line: null },
  ])('$name', ({ report, line }) => {
    expect(formatVantageLine(report)).toBe(line);
  });
});

describe('the network issue', () => {
  it('has a bilingual title with the count and its own marker', () => {
    expect(networkTitle(SUMMARY)).toBe(
      '[Sự cố] Canh Gác mất kết nối mạng: 38/40 trang lỗi mạng cùng lúc / Canh Gác lost its network: 38 of 40 sites failed at the network level',
    );
    expect(monitorMarker('network')).toBe('<!-- canhgac:monitor cause=network -->');
  });

  it('says what failed, how many, that site incidents were frozen and what to check on the runner', () => {
    const lines = networkBody({
      startedAt: NOW.toISOString(),
      vantage: SUMMARY,
      recovery: 2,
      timeZone: 'Asia/Ho_Chi_Minh',
      repository: 'so-tttt/canh-gac',
      serverUrl: 'https://github.com',
    }).split('\n');
    expect(lines[0]).toBe('<!-- canhgac:monitor cause=network -->');
    expect(lines[1]).toBe(
      '**Sự cố / What failed:** 38 trên 40 trang được kiểm tra lỗi ở tầng mạng cùng một lúc, trong 10 nhóm: nhiều khả năng chính máy chạy Canh Gác mất DNS hoặc mạng, không phải các trang. / 38 of the 40 sites checked failed at the network level at once, across 10 groups: the runner that checks them most likely lost its DNS or network, not the sites.',
    );
    expect(lines).toContain('**Lý do / Reasons:** dns-timeout 30, connect-timeout 8');
    expect(lines).toContain('**Từ / From:** 26/11/2026 10:00 (Asia/Ho_Chi_Minh)');
    expect(
      lines.filter((l) => l.startsWith('**Sự cố của các trang đã được giữ nguyên / Site incidents frozen:**')),
    ).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('- '))).toHaveLength(5);
    expect(lines.find((l) => l.includes('Actions'))).toContain(
      'https://github.com/so-tttt/canh-gac/actions/workflows/tick.yml',
    );
    expect(lines.at(-1)).toBe(
      '- Sự cố tự đóng sau 2 lượt liên tiếp không còn lỗi mạng hàng loạt. / Closes by itself after 2 consecutive ticks without mass network failures.',
    );
  });

  it('closes with a recovery comment, or an orphan comment', () => {
    expect(networkRecoveredComment(15 * 60_000, 2)).toBe(
      '**Đã khôi phục / Recovered** sau / after 15 phút / 15 min: 2 lượt liên tiếp không còn lỗi mạng hàng loạt; sự cố của các trang được theo dõi lại bình thường / 2 consecutive ticks without mass network failures; site incidents are tracked again.',
    );
    expect(networkOrphanComment()).toBe(
      '**Đã khôi phục / Recovered:** lượt kiểm tra không còn lỗi mạng hàng loạt / ticks no longer fail at the network level in bulk.',
    );
  });
});

describe('the job summary', () => {
  it('says first that the runner failed, and nothing on a healthy tick', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'canhgac-vantage-summary-'));
    try {
      const file = path.join(dir, 'summary.md');
      const healthy = { judgement: HEALTHY, observation: observeVantage(HEALTHY, NOW), incident: sync([], null) };
      expect(await appendJobSummary(file, (s) => addVantage(s, healthy))).toBe('');
      expect(await appendJobSummary(file, (s) => addVantage(s, null))).toBe('');
      const cut = { judgement: CUT, observation: observeVantage(CUT, NOW), incident: sync([], OPEN) };
      expect(await appendJobSummary(file, (s) => addVantage(s, cut))).toBe(
        [
          '<h3>Runner network failed</h3>',
          'vantage: 38 of 40 sites failed at the network level (dns-timeout 30, connect-timeout 8): site incidents frozen this tick; monitor incident open (#7)',
          '',
        ].join('\n'),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
