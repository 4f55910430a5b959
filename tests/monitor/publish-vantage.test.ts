import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalBackend } from '../../checks/incidents/local-backend.ts';
import { formatVantageLine } from '../../checks/monitor/format-vantage-line.ts';
import { publishResults, type PublishReport } from '../../checks/run/publish-results.ts';
import { ConfigSchema } from '../../checks/schemas/config.ts';
import { MonitorIncidentFileSchema } from '../../checks/schemas/monitor-incident.ts';
import type { Site } from '../../checks/schemas/site.ts';
import type { Reason } from '../../checks/schemas/status.ts';
import { sitesIn, statusOf } from './vantage-fixture.ts';

/**
 * publishResults and the runner's own outage (issue 11): a tick where 40 sites in 10 groups all time
 * out on DNS freezes every site incident and opens one monitor issue of cause `network`; healthy ticks
 * close it after thresholds.recovery (2). One province down among many healthy sites stays a set of
 * site incidents.
 */
const CONFIG = ConfigSchema.parse({ organisation: { name: 'Thử nghiệm' }, incidents: { backend: 'local' } });
const T0 = Date.parse('2026-11-26T03:00:00.000Z');
const MIN = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MIN);
const PROVINCES = [
  'ha-noi',
  'hue',
  'da-nang',
  'can-tho',
  'lao-cai',
  'ca-mau',
  'an-giang',
  'son-la',
  'ha-giang',
  'nghe-an',
];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'canhgac-vantage-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** One tick of these sites, each with the reason `fail` gives it (null: up). */
function tick(sites: readonly Site[], minutes: number, fail: (site: Site) => Reason | null): Promise<PublishReport> {
  const startedAt = at(minutes);
  return publishResults(
    {
      resultsDir: dir,
      config: CONFIG,
      sites: new Map(sites.map((s) => [s.id, s])),
      statuses: sites.map((s) => statusOf(s.id, fail(s), startedAt.toISOString())),
      carried: new Map(),
      runs: [],
      startedAt,
      commitSkipped: 'a plain directory in this test',
      push: null,
      env: {},
    },
    { incidents: createLocalBackend(dir, () => startedAt) },
  );
}

const issues = (labels: string[]) => createLocalBackend(dir).listIssues(['incident', ...labels], 'all');
/** Every incident issue that is not about the monitor itself. */
const siteIssues = async () => (await issues([])).filter((i) => !i.labels.includes('kind:monitor'));
const tracksDir = () => path.join(dir, 'incidents', 'tracks');
async function trackFiles(): Promise<Record<string, string>> {
  const names = await readdir(tracksDir()).catch(() => [] as string[]);
  const files: Record<string, string> = {};
  for (const name of names.sort()) files[name] = await readFile(path.join(tracksDir(), name), 'utf8');
  return files;
}

describe('publishResults when the runner loses its network', () => {
  it('40 sites all DNS-timeout for two ticks: one monitor issue, no site issue, site tracks unchanged; healthy ticks close it', async () => {
    const sites = sitesIn('s', 40, PROVINCES);
    // A site already failing before the outage: its counter must not move while the runner is cut off.
    const before = await tick(sites, 0, (s) => (s.id === 's-1' ? 'http-status' : null));
    expect(formatVantageLine(before.vantage)).toBeNull();
    const tracks = await trackFiles();
    expect(Object.keys(tracks)).toEqual(['s-1.json']);

    const cut = [await tick(sites, 5, () => 'dns-timeout'), await tick(sites, 10, () => 'dns-timeout')];
    expect(await trackFiles()).toEqual(tracks);
    const healthy = [await tick(sites, 15, () => null), await tick(sites, 20, () => null)];
    const reports = [...cut, ...healthy];
    expect(reports.map((r) => formatVantageLine(r.vantage))).toEqual([
      'vantage: 40 of 40 sites failed at the network level (dns-timeout 40): site incidents frozen this tick; monitor incident opened (#1)',
      'vantage: 40 of 40 sites failed at the network level (dns-timeout 40): site incidents frozen this tick; monitor incident open (#1)',
      'vantage: 0 of 40 sites failed at the network level; monitor incident open (#1)',
      'vantage: 0 of 40 sites failed at the network level; monitor incident closed (#1): site incidents tracked again',
    ]);
    expect(reports.flatMap((r) => r.notices)).toEqual([]);
    // While cut off, no site was passed to the incident sync: nothing moved.
    expect(cut.map((r) => r.incidents?.actions)).toEqual([[], []]);
    expect(await siteIssues()).toEqual([]);

    const monitor = await issues(['kind:monitor']);
    expect(
      monitor.map((i) => ({
        number: i.number,
        state: i.state,
        title: i.title,
        labels: i.labels,
        marker: i.body.split('\n')[0],
      })),
    ).toEqual([
      {
        number: 1,
        state: 'closed',
        title:
          '[Sự cố] Canh Gác mất kết nối mạng: 40/40 trang lỗi mạng cùng lúc / Canh Gác lost its network: 40 of 40 sites failed at the network level',
        labels: ['incident', 'kind:monitor', 'severity:major'],
        marker: '<!-- canhgac:monitor cause=network -->',
      },
    ]);
    expect(monitor[0]!.body).toContain('**Lý do / Reasons:** dns-timeout 40');
    expect(monitor[0]!.body).toContain('Site incidents frozen');
    const comments = await createLocalBackend(dir).recentComments(1);
    expect(comments.map((c) => c.split('\n')[1])).toEqual([
      '**Đã khôi phục / Recovered** sau / after 15 phút / 15 min: 2 lượt liên tiếp không còn lỗi mạng hàng loạt; sự cố của các trang được theo dõi lại bình thường / 2 consecutive ticks without mass network failures; site incidents are tracked again.',
    ]);

    // Statuses are still data: written for every tick, the cut-off ones included.
    const status = JSON.parse(await readFile(path.join(dir, 'status', 's-2.json'), 'utf8'));
    expect(status.checkedAt).toBe(at(20).toISOString());
    // The late-ticks track knows nothing of this: its file was never written.
    await expect(readFile(path.join(dir, 'monitor', 'incident.json'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(
      MonitorIncidentFileSchema.parse(
        JSON.parse(await readFile(path.join(dir, 'monitor', 'network-incident.json'), 'utf8')),
      ),
    ).toEqual({
      goodTicks: 0,
      open: null,
    });
  });

  it('keeps the site tracks byte for byte while the runner is cut off, and records the network incident', async () => {
    const sites = sitesIn('s', 40, PROVINCES);
    await tick(sites, 0, (s) => (s.id === 's-1' ? 'http-status' : null));
    const tracks = await trackFiles();
    await tick(sites, 5, () => 'dns-timeout');
    await tick(sites, 10, () => 'connect-timeout');
    expect(await trackFiles()).toEqual(tracks);
    expect(
      MonitorIncidentFileSchema.parse(
        JSON.parse(await readFile(path.join(dir, 'monitor', 'network-incident.json'), 'utf8')),
      ),
    ).toEqual({
      goodTicks: 0,
      open: {
        id: 'monitor--network--20261126T0305',
        cause: 'network',
        startedAt: at(5).toISOString(),
        gapFrom: at(5).toISOString(),
        gapMs: 0,
        longestGapMs: 0,
        issue: {
          backend: 'local',
          repository: path.join(dir, 'incidents', 'local'),
          number: 1,
          url: 'incidents/local/1.json',
        },
        closedByResponder: null,
        vantage: {
          checked: 40,
          networkFailures: 40,
          groupsAffected: 10,
          reasons: [{ reason: 'dns-timeout', count: 40 }],
        },
      },
    });
  });

  it('one province down among many healthy sites: site incidents open as usual, no monitor issue', async () => {
    const sites = [
      ...sitesIn('hue', 10, ['hue']),
      ...sitesIn(
        's',
        40,
        PROVINCES.filter((p) => p !== 'hue'),
      ),
    ];
    const fail = (s: Site): Reason | null => (s.group === 'hue' ? 'connect-timeout' : null);
    const reports = [await tick(sites, 0, fail), await tick(sites, 5, fail)];
    expect(
      reports.map((r) => [r.vantage.judgement.failed, r.vantage.judgement.why, formatVantageLine(r.vantage)]),
    ).toEqual([
      [false, 'share 20 % below 50 %', null],
      [false, 'share 20 % below 50 %', null],
    ]);
    const opened = await siteIssues();
    expect(opened.map((i) => i.labels.find((l) => l.startsWith('site:'))).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `site:hue-${i + 1}`).sort(),
    );
    expect(await issues(['kind:monitor'])).toEqual([]);
  });
});
