import { expect, test } from 'vitest';
import { maintenanceNotices } from '../../site/lib/maintenance-notices.ts';

const now = new Date('2026-11-26T03:00:00.000Z');
const row = (id: string, name: string, maintenance: { start: string; end: string; note?: string }[]) => ({
  id,
  name,
  nameEn: `${name} (en)`,
  maintenance,
});

test('under way first, then upcoming by start and name; past and far-off windows left out', () => {
  const rows = [
    row('b', 'Bắc Ninh', [
      { start: '2026-11-27T15:00:00.000Z', end: '2026-11-27T17:00:00.000Z' },
      { start: '2026-11-20T00:00:00.000Z', end: '2026-11-21T00:00:00.000Z', note: 'past' },
    ]),
    row('d', 'Đà Nẵng', [{ start: '2026-11-27T15:00:00.000Z', end: '2026-11-27T16:00:00.000Z' }]),
    row('a', 'An Giang', [
      { start: '2026-11-26T02:00:00.000Z', end: '2026-11-26T04:00:00.000Z', note: 'Nâng cấp máy chủ' },
    ]),
    row('z', 'Zê', [{ start: '2027-02-01T00:00:00.000Z', end: '2027-02-02T00:00:00.000Z' }]),
    row('e', 'Ends now', [{ start: '2026-11-26T01:00:00.000Z', end: '2026-11-26T03:00:00.000Z' }]),
  ];
  expect(
    maintenanceNotices(rows, now).map((n) => `${n.siteId} ${n.ongoing ? 'now' : 'soon'} ${n.note ?? '-'}`),
  ).toEqual(['a now Nâng cấp máy chủ', 'b soon -', 'd soon -']);
});

test('the horizon is a parameter', () => {
  const rows = [row('z', 'Zê', [{ start: '2027-02-01T00:00:00.000Z', end: '2027-02-02T00:00:00.000Z' }])];
  expect(maintenanceNotices(rows, now, 90)).toEqual([
    {
      siteId: 'z',
      name: 'Zê',
      nameEn: 'Zê (en)',
      start: '2027-02-01T00:00:00.000Z',
      end: '2027-02-02T00:00:00.000Z',
      note: null,
      ongoing: false,
    },
  ]);
});
