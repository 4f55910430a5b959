import { describe, expect, it } from 'vitest';
import type { HistoryFile } from '../../checks/schemas/history.ts';
import type { PublicIncident } from '../../checks/schemas/incident.ts';
import { dailySummaries } from '../../checks/store/summarise-history.ts';
import { buildStatusModel, DAYS, overallOf, type ModelInput } from '../../site/lib/status-model.ts';

const NOW = new Date('2026-11-25T05:00:00Z'); // 12:00 in Hà Nội
const site = (
  id: string,
  name: string,
  group = 'province',
  maintenance: ModelInput['sites'][number]['maintenance'] = [],
) => ({ id, name, agency: 'UBND', group, url: `https://${id}.example.org/`, maintenance });
const history = (id: string, events: HistoryFile['events'], days: HistoryFile['days'] = []): HistoryFile =>
  ({
    id,
    state: events.at(-1)?.to ?? 'up',
    since: events.at(-1)?.at ?? null,
    today: null,
    days,
    events,
  }) as HistoryFile;
const incident = (
  siteId: string,
  publicKind: PublicIncident['publicKind'],
  state: PublicIncident['state'] = 'open',
): PublicIncident => ({
  id: `${siteId}--x`,
  siteId,
  publicKind,
  titleVi: 't',
  titleEn: 't',
  severity: 'critical',
  state,
  startedAt: '2026-11-25T04:00:00.000Z',
  resolvedAt: null,
  updates: [],
});
function input(extra: Partial<ModelInput> = {}): ModelInput {
  return {
    sites: [
      site('da-nang', 'Đà Nẵng'),
      site('dak-lak', 'Đắk Lắk'),
      site('an-giang', 'An Giang'),
      site('bo-a', 'Bộ A', 'ministry'),
    ],
    statuses: new Map([
      ['da-nang', { checkedAt: NOW.toISOString(), state: 'up' as const }],
      ['dak-lak', { checkedAt: NOW.toISOString(), state: 'degraded' as const }],
      ['an-giang', { checkedAt: NOW.toISOString(), state: 'up' as const }],
    ]),
    histories: new Map(),
    incidents: [],
    runs: [
      {
        startedAt: '2026-11-25T04:55:00.000Z',
        finishedAt: '2026-11-25T04:56:00.000Z',
        durationMs: 1,
        shard: { index: 1, count: 1 },
        sites: 3,
        up: 2,
        degraded: 1,
        down: 0,
        registryErrors: 0,
        registryWarnings: 0,
      },
    ],
    groups: { ministry: { name: 'Bộ' }, province: { name: 'Tỉnh', name_en: 'Provinces' } },
    timeZone: 'Asia/Ho_Chi_Minh',
    ...extra,
  };
}

describe('buildStatusModel', () => {
  it('states, counts, the banner and groups in config order with Vietnamese collation', () => {
    const model = buildStatusModel(input(), NOW);
    expect(model.counts).toEqual({ operational: 2, degraded: 1, down: 0, maintenance: 0, unknown: 1 });
    expect(model.overall).toBe('partial');
    expect(model.lastRunAt).toBe('2026-11-25T04:56:00.000Z');
    expect(model.groups.map((g) => [g.key, g.nameEn, g.sites.map((s) => s.name)])).toEqual([
      ['ministry', 'Bộ', ['Bộ A']],
      ['province', 'Provinces', ['An Giang', 'Đà Nẵng', 'Đắk Lắk']],
    ]);
    expect(model.sites[0]!.days).toHaveLength(DAYS);
    expect(model.sites[0]!.days.at(-1)!.date).toBe('2026-11-25');
  });

  it('shows a site with an open public security incident as disrupted, and a maintenance window as maintenance', () => {
    const model = buildStatusModel(
      input({
        sites: [
          site('da-nang', 'Đà Nẵng'),
          site('an-giang', 'An Giang', 'province', [{ start: '2026-11-25T04:00:00Z', end: '2026-11-25T06:00:00Z' }]),
        ],
        incidents: [incident('da-nang', 'security'), incident('an-giang', null)],
      }),
      NOW,
    );
    expect(model.sites.map((s) => [s.id, s.state])).toEqual([
      ['an-giang', 'maintenance'],
      ['da-nang', 'down'],
    ]);
    // Incidents without a public kind (suspected) are not shown to citizens.
    expect(model.incidents.map((i) => i.siteId)).toEqual(['da-nang']);
    expect(
      buildStatusModel(input({ incidents: [incident('da-nang', 'security', 'resolved')] }), NOW).sites.find(
        (s) => s.id === 'da-nang',
      )!.state,
    ).toBe('operational');
  });
});

describe('overallOf', () => {
  it.each([
    [{ operational: 9, degraded: 0, down: 0, maintenance: 0, unknown: 0 }, 'operational'],
    [{ operational: 8, degraded: 0, down: 0, maintenance: 1, unknown: 0 }, 'maintenance'],
    [{ operational: 8, degraded: 1, down: 0, maintenance: 0, unknown: 0 }, 'partial'],
    [{ operational: 6, degraded: 0, down: 3, maintenance: 0, unknown: 0 }, 'major'],
    [{ operational: 7, degraded: 0, down: 2, maintenance: 0, unknown: 0 }, 'partial'],
  ] as const)('%o → %s', (counts, overall) => {
    const total = Object.values(counts).reduce((a: number, b: number) => a + b, 0);
    expect(overallOf(counts, total)).toBe(overall);
  });
});

describe('site rows: today and the closed days', () => {
  const open = (checks: number, up: number, down: number) => ({
    date: '2026-11-25',
    checks,
    up,
    degraded: 0,
    down,
    buckets: new Array(26).fill(0),
  });
  const withToday = (today: HistoryFile['today']): HistoryFile => ({
    ...history('da-nang', []),
    today,
    days: [
      ['2026-11-23', 288, 288, 0, 0, 100, 200],
      ['2026-11-24', 288, 144, 0, 144, 100, 200],
    ],
  });

  it('days end today (its checks so far); closed days end yesterday and share the same bars', () => {
    const model = buildStatusModel(
      input({ histories: new Map([['da-nang', dailySummaries(withToday(open(100, 100, 0)), 91)]]) }),
      NOW,
    );
    const row = model.sites.find((s) => s.id === 'da-nang')!;
    expect(row.days).toHaveLength(DAYS);
    expect(row.closedDays).toHaveLength(DAYS);
    expect(row.days.at(-1)).toMatchObject({ date: '2026-11-25', checks: 100 });
    expect(row.closedDays.at(-1)).toMatchObject({ date: '2026-11-24', checks: 288, uptime: 0.5 });
    expect(row.closedDays.at(-1)).toBe(row.days.at(-2));
    expect(row.closedUptime).toEqual({ d7: 0.75, d30: 0.75, d90: 0.75 });
    expect(row.uptime90).toBeCloseTo((288 + 144 + 100) / (288 * 2 + 100), 10);
  });

  it('another run today changes the days ending today, not the closed days', () => {
    const before = buildStatusModel(
      input({ histories: new Map([['da-nang', dailySummaries(withToday(open(100, 100, 0)), 91)]]) }),
      NOW,
    );
    const after = buildStatusModel(
      input({ histories: new Map([['da-nang', dailySummaries(withToday(open(101, 100, 1)), 91)]]) }),
      new Date(NOW.getTime() + 5 * 60_000),
    );
    const [a, b] = [before, after].map((m) => m.sites.find((s) => s.id === 'da-nang')!);
    expect(b!.days).not.toEqual(a!.days);
    expect(b!.closedDays).toEqual(a!.closedDays);
    expect(b!.closedUptime).toEqual(a!.closedUptime);
  });

  it('groups count their sites by state and sum their days', () => {
    const model = buildStatusModel(
      input({ histories: new Map([['da-nang', dailySummaries(withToday(open(100, 100, 0)), 91)]]) }),
      NOW,
    );
    const province = model.groups.find((g) => g.key === 'province')!;
    expect(province.counts).toEqual({ operational: 2, degraded: 1, down: 0, maintenance: 0, unknown: 0 });
    expect(province.days).toHaveLength(DAYS);
    expect(province.days.at(-2)).toEqual({ date: '2026-11-24', checks: 288, uptime: 0.5, disrupted: 1 });
    expect(province.days.at(-1)).toEqual({ date: '2026-11-25', checks: 100, uptime: 1, disrupted: 0 });
  });

  it('sorts names with numbers by value', () => {
    const model = buildStatusModel(
      input({ sites: [site('a10', 'Sở Y tế 10'), site('a2', 'Sở Y tế 2'), site('a1', 'Sở Y tế 1')] }),
      NOW,
    );
    expect(model.sites.map((s) => s.name)).toEqual(['Sở Y tế 1', 'Sở Y tế 2', 'Sở Y tế 10']);
  });
});
