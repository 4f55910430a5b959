import { expect, test } from 'vitest';
import { formatDuration } from '../../site/lib/incident-text.ts';

test.each([
  ['2026-11-26T03:00:00Z', '2026-11-26T03:00:59Z', 'vi', '0 phút'],
  ['2026-11-26T03:00:00Z', '2026-11-26T03:45:00Z', 'en', '45 min'],
  ['2026-11-26T03:00:00Z', '2026-11-26T05:15:00Z', 'vi', '2 giờ 15 phút'],
  ['2026-11-26T03:00:00Z', '2026-11-26T05:00:00Z', 'en', '2 h'],
  ['2026-11-24T03:00:00Z', '2026-11-26T06:10:00Z', 'vi', '2 ngày 3 giờ'],
  ['2026-11-24T03:00:00Z', '2026-11-26T03:10:00Z', 'en', '2 d'],
  ['2026-11-26T03:00:00Z', '2026-11-26T02:00:00Z', 'en', '0 min'],
] as const)('%s → %s (%s)', (from, to, lang, text) => expect(formatDuration(from, to, lang)).toBe(text));
