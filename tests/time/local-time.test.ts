import { describe, expect, it } from 'vitest';
import { localDate, localDateTime, localParts } from '../../checks/time/local-time.ts';

describe('local time', () => {
  it('puts an instant on the local calendar of the zone, across the day boundary', () => {
    const evening = new Date('2026-11-24T17:30:00Z');
    expect(localDate(evening, 'Asia/Ho_Chi_Minh')).toBe('2026-11-25');
    expect(localDate(evening, 'UTC')).toBe('2026-11-24');
    expect(localDateTime(evening, 'Asia/Ho_Chi_Minh')).toBe('25/11/2026 00:30');
    expect(localDateTime(evening, 'America/New_York')).toBe('24/11/2026 12:30');
  });

  it('writes midnight as 00, never 24, and pads every part', () => {
    expect(localParts(new Date('2026-01-02T17:05:00Z'), 'Asia/Ho_Chi_Minh')).toEqual({
      year: '2026',
      month: '01',
      day: '03',
      hour: '00',
      minute: '05',
    });
  });
});
