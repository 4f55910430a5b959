import { describe, expect, it } from 'vitest';
import { shouldCapture, type CaptureInput } from '../../checks/visual/should-capture.ts';

const now = new Date('2026-05-12T06:00:00Z');
const base: CaptureInput = {
  suspicious: false,
  lastCapturedAt: '2026-05-12T00:00:00Z',
  everyHours: 6,
  now,
  enabled: true,
};

describe('shouldCapture', () => {
  it.each([
    ['disabled wins over suspicion', { enabled: false, suspicious: true }, { capture: false, reason: 'disabled' }],
    [
      'disabled wins over a missing baseline',
      { enabled: false, lastCapturedAt: null },
      { capture: false, reason: 'disabled' },
    ],
    [
      'suspicious captures even when just captured',
      { suspicious: true, lastCapturedAt: '2026-05-12T05:59:00Z' },
      { capture: true, reason: 'suspicious' },
    ],
    ['no capture yet makes the first baseline', { lastCapturedAt: null }, { capture: true, reason: 'first' }],
    ['exactly everyHours ago is due', {}, { capture: true, reason: 'due' }],
    ['one minute short is not due', { lastCapturedAt: '2026-05-12T00:01:00Z' }, { capture: false, reason: 'not-due' }],
    ['long ago is due', { lastCapturedAt: '2026-04-01T00:00:00Z' }, { capture: true, reason: 'due' }],
    [
      'a time from the future (bad runner clock) is due',
      { lastCapturedAt: '2026-05-13T00:00:00Z' },
      { capture: true, reason: 'due' },
    ],
    ['an unreadable time is due', { lastCapturedAt: 'yesterday' }, { capture: true, reason: 'due' }],
    [
      'everyHours 0: no routine captures',
      { everyHours: 0, lastCapturedAt: '2020-01-01T00:00:00Z' },
      { capture: false, reason: 'not-due' },
    ],
    [
      'everyHours 0 still captures when suspicious',
      { everyHours: 0, suspicious: true },
      { capture: true, reason: 'suspicious' },
    ],
    [
      'everyHours 0 still makes the first baseline',
      { everyHours: 0, lastCapturedAt: null },
      { capture: true, reason: 'first' },
    ],
    [
      'fractional hours',
      { everyHours: 0.5, lastCapturedAt: '2026-05-12T05:31:00Z' },
      { capture: false, reason: 'not-due' },
    ],
  ] as const)('%s', (_name, change, expected) => {
    expect(shouldCapture({ ...base, ...change })).toEqual(expected);
  });
});
