import { expect, test } from 'vitest';
import { tlsCalendar } from '../../site/lib/tls-calendar.ts';

const now = new Date('2026-11-25T02:00:00.000Z');
const cert = (validTo: string, error: string | null = null) => ({ validTo, issuer: 'CA', error });

test('soonest expiry first; expired, under the warning days, and fine', () => {
  const rows = tlsCalendar(
    [
      { id: 'b-ok', name: 'B', tls: cert('2027-01-23T02:00:00.000Z') },
      { id: 'plain-http', name: 'P', tls: null },
      { id: 'a-expired', name: 'A', tls: cert('2026-11-14T00:00:00.000Z', 'CERT_HAS_EXPIRED') },
      { id: 'c-soon', name: 'C', tls: cert('2026-12-08T01:59:59.000Z') },
      { id: 'd-edge', name: 'D', tls: cert('2026-12-09T02:00:00.000Z') },
    ],
    now,
    14,
  );
  expect(rows.map((r) => [r.id, r.daysLeft, r.urgency, r.error])).toEqual([
    ['a-expired', -12, 'expired', 'CERT_HAS_EXPIRED'],
    ['c-soon', 12, 'soon', null],
    ['d-edge', 14, 'ok', null],
    ['b-ok', 59, 'ok', null],
  ]);
});

test('expired at the very instant; equal dates sort by id', () => {
  const rows = tlsCalendar(
    [
      { id: 'z', name: 'Z', tls: cert('2026-11-25T02:00:00.000Z') },
      { id: 'y', name: 'Y', tls: cert('2026-11-25T02:00:00.000Z') },
    ],
    now,
    14,
  );
  expect(rows.map((r) => [r.id, r.daysLeft, r.urgency])).toEqual([
    ['y', 0, 'expired'],
    ['z', 0, 'expired'],
  ]);
});
