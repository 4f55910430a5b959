import type { HistoryFile } from '../../checks/schemas/history.ts';
import type { PublicIncident } from '../../checks/schemas/incident.ts';
import { emptyHistory } from '../../checks/store/record-history.ts';
import { dailySummaries } from '../../checks/store/summarise-history.ts';
import type { StatuspageInput } from '../../site/lib/statuspage.ts';
import { buildStatusModel, type SiteInput, type StatusModel } from '../../site/lib/status-model.ts';

/**
 * A small public data set with every case the machine-readable outputs map: one site of each state
 * (up, down, degraded, in maintenance, never checked), maintenance windows past, current and to come,
 * and incidents open, resolved, a false alarm and one not public. Build time 10:00 in Hà Nội.
 */
export const NOW = new Date('2026-11-25T03:00:00.000Z');
export const SITE_URL = 'https://trangthai.example.gov.vn/';
export const ORGANISATION = 'Cục Mẫu';

export interface OutputsFixtureOptions {
  /** Replaces the name of site `bo-a` (hostile-string tests). */
  readonly nameOfA?: string;
}

const history = (id: string, firstSeen: string, since: string, days: HistoryFile['days'] = []): HistoryFile => ({
  ...emptyHistory(id),
  since,
  days,
  events: [{ at: firstSeen, from: null, to: 'up', reason: null }],
});

export const INCIDENTS: readonly PublicIncident[] = [
  {
    id: 'bo-b--availability--20261125T0230',
    siteId: 'bo-b',
    publicKind: 'outage',
    titleVi: 'Bộ B: gián đoạn truy cập, đang khắc phục',
    titleEn: 'Ministry B: outage, being fixed',
    severity: 'major',
    state: 'open',
    startedAt: '2026-11-25T02:30:00.000Z',
    resolvedAt: null,
    updates: [
      {
        at: '2026-11-25T02:30:00.000Z',
        state: 'open',
        vi: 'Phát hiện sự cố: gián đoạn truy cập.',
        en: 'Problem detected: outage.',
      },
    ],
  },
  {
    id: 'tinh-c--availability--20261120T0100',
    siteId: 'tinh-c',
    publicKind: 'degraded',
    titleVi: 'Tỉnh C: truy cập chậm, đã khắc phục',
    titleEn: 'Province C: slow access, resolved',
    severity: 'minor',
    state: 'resolved',
    startedAt: '2026-11-20T01:00:00.000Z',
    resolvedAt: '2026-11-20T02:00:00.000Z',
    updates: [
      // Out of order on purpose: ids and order follow time, not file order.
      { at: '2026-11-20T02:00:00.000Z', state: 'resolved', vi: 'Đã khắc phục.', en: 'Resolved.' },
      {
        at: '2026-11-20T01:00:00.000Z',
        state: 'open',
        vi: 'Phát hiện sự cố: truy cập chậm.',
        en: 'Problem detected: slow access.',
      },
    ],
  },
  {
    id: 'bo-a--defacement--20261124T0000',
    siteId: 'bo-a',
    publicKind: 'security',
    titleVi: 'Bộ A: báo nhầm',
    titleEn: 'Ministry A: false alarm',
    severity: 'critical',
    state: 'false-positive',
    startedAt: '2026-11-24T00:00:00.000Z',
    resolvedAt: '2026-11-24T01:00:00.000Z',
    updates: [
      {
        at: '2026-11-24T00:00:00.000Z',
        state: 'open',
        vi: 'Phát hiện sự cố: sự cố an toàn thông tin.',
        en: 'Problem detected: security incident.',
      },
      { at: '2026-11-24T01:00:00.000Z', state: 'false-positive', vi: 'Báo nhầm: không có sự cố.', en: 'False alarm.' },
    ],
  },
  {
    id: 'tinh-d--defacement--20261125T0100',
    siteId: 'tinh-d',
    publicKind: null,
    titleVi: 'không công khai',
    titleEn: 'not public',
    severity: 'warning',
    state: 'open',
    startedAt: '2026-11-25T01:00:00.000Z',
    resolvedAt: null,
    updates: [],
  },
];

export function outputsFixture(options: OutputsFixtureOptions = {}): {
  model: StatusModel;
  input: StatuspageInput;
  sites: readonly SiteInput[];
} {
  const sites: SiteInput[] = [
    {
      id: 'bo-a',
      name: options.nameOfA ?? 'Bộ A',
      agency: 'Bộ A',
      group: 'ministry',
      url: 'https://bo-a.example.gov.vn/',
      maintenance: [],
    },
    {
      id: 'bo-b',
      name: 'Bộ B',
      agency: 'Bộ B',
      group: 'ministry',
      url: 'https://bo-b.example.gov.vn/',
      maintenance: [],
    },
    {
      id: 'tinh-c',
      name: 'Tỉnh C',
      agency: 'UBND tỉnh C',
      group: 'province',
      url: 'https://tinh-c.example.gov.vn/',
      maintenance: [{ start: '2026-12-05T15:00:00.000Z', end: '2026-12-05T19:00:00.000Z' }],
    },
    {
      id: 'tinh-d',
      name: 'Tỉnh D',
      agency: 'UBND tỉnh D',
      group: 'province',
      url: 'https://tinh-d.example.gov.vn/',
      maintenance: [
        { start: '2026-11-10T15:00:00.000Z', end: '2026-11-10T17:00:00.000Z', note: 'Thay ổ đĩa' },
        { start: '2026-11-25T02:00:00.000Z', end: '2026-11-25T05:00:00.000Z', note: 'Nâng cấp máy chủ' },
      ],
    },
    {
      id: 'co-quan-e',
      name: 'Cơ quan E',
      agency: 'Cơ quan E',
      group: 'other',
      url: 'https://e.example.gov.vn/',
      maintenance: [],
    },
  ];
  const histories = [
    history('bo-a', '2026-11-01T00:00:00.000Z', '2026-11-20T01:00:00.000Z', [['2026-11-24', 288, 287, 0, 1, 100, 200]]),
    history('bo-b', '2026-11-01T00:00:00.000Z', '2026-11-25T02:30:00.000Z'),
    history('tinh-c', '2026-11-02T00:00:00.000Z', '2026-11-25T02:00:00.000Z'),
    history('tinh-d', '2026-11-02T00:00:00.000Z', '2026-11-02T00:00:00.000Z'),
  ];
  const checkedAt = '2026-11-25T02:58:00.000Z';
  const model = buildStatusModel(
    {
      sites,
      statuses: new Map([
        ['bo-a', { checkedAt, state: 'up' as const, responseMs: 120 }],
        ['bo-b', { checkedAt, state: 'down' as const, responseMs: null }],
        ['tinh-c', { checkedAt, state: 'degraded' as const, responseMs: 6000 }],
        ['tinh-d', { checkedAt, state: 'up' as const, responseMs: 90 }],
      ]),
      histories: new Map(histories.map((h) => [h.id, dailySummaries(h, 91)])),
      incidents: INCIDENTS,
      runs: [
        {
          startedAt: '2026-11-25T02:58:00.000Z',
          finishedAt: '2026-11-25T02:59:00.000Z',
          durationMs: 60_000,
          shard: { index: 1, count: 1 },
          sites: 4,
          up: 2,
          degraded: 1,
          down: 1,
          registryErrors: 0,
          registryWarnings: 0,
        },
      ],
      groups: {
        ministry: { name: 'Bộ, cơ quan ngang bộ' },
        province: { name: 'Tỉnh, thành phố' },
        other: { name: 'Cơ quan khác' },
      },
      timeZone: 'Asia/Ho_Chi_Minh',
    },
    NOW,
  );
  const input: StatuspageInput = {
    model,
    organisation: ORGANISATION,
    siteUrl: SITE_URL,
    siteTimes: new Map(histories.map((h) => [h.id, { firstSeen: h.events[0]!.at, since: h.since }])),
    maintenance: sites.flatMap((s) => s.maintenance.map((w) => ({ siteId: s.id, ...w }))),
  };
  return { model, input, sites };
}
