import { describe, expect, it } from 'vitest';
import type { HistoryFile } from '../../checks/schemas/history.ts';
import type { PublicIncident } from '../../checks/schemas/incident.ts';
import { buildStatusModel, DAYS, overallOf, uptimeOverHours, type ModelInput } from '../../site/lib/status-model.ts';

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

describe('uptimeOverHours', () => {
  it('weighs time in each state over the window', () => {
    const h = history('x', [
      { at: '2026-11-20T00:00:00.000Z', from: null, to: 'up', reason: null },
      { at: '2026-11-24T23:00:00.000Z', from: 'up', to: 'down', reason: 'timeout' },
      { at: '2026-11-25T05:00:00.000Z', from: 'down', to: 'up', reason: null },
    ]);
    expect(uptimeOverHours(h, 24, NOW)).toBeCloseTo(18 / 24, 10);
    expect(uptimeOverHours(history('y', []), 24, NOW)).toBeNull();
  });

  it('counts only from the first known state when the history is younger than the window', () => {
    const h = history('x', [
      { at: '2026-11-25T03:00:00.000Z', from: null, to: 'down', reason: 'timeout' },
      { at: '2026-11-25T04:00:00.000Z', from: 'down', to: 'degraded', reason: 'slow' },
    ]);
    expect(uptimeOverHours(h, 24, NOW)).toBeCloseTo(0.5, 10);
  });
});
