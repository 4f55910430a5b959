import { describe, expect, test } from 'vitest';
import type { StatusFile } from '../../checks/schemas/status.ts';
import { formatDateTime } from '../../site/lib/format.ts';
import { inertText } from '../../site/lib/inert-text.ts';
import { formatBytes, formatInstant, formatMs, lastCheckRun, plainLine } from '../../site/lib/last-check.ts';

const status: StatusFile = {
  id: 'so-a',
  checkedAt: '2026-11-26T02:55:07.000Z',
  state: 'up',
  reason: null,
  error: null,
  attempts: 1,
  firstReason: null,
  url: 'https://so-a.gov.vn/',
  http: {
    status: 200,
    finalUrl: 'https://so-a.gov.vn/',
    redirects: [],
    timings: { dns: 3.25, connect: 12, tls: null, ttfb: 80.5, total: 1234.56 },
    headers: { server: 'nginx', etag: '"abc"' },
    bytes: 123456,
    charset: 'utf-8',
  },
  tls: null,
  dns: { addresses: ['203.0.113.7'], cname: [], ms: 4.5, error: null },
  defacement: null,
};

describe('lastCheckRun', () => {
  test('the fields every run changes, from a status file', () => {
    expect(lastCheckRun(JSON.parse(JSON.stringify(status)))).toEqual({
      checkedAt: '2026-11-26T02:55:07.000Z',
      timings: { dns: 3.25, connect: 12, tls: null, ttfb: 80.5, total: 1234.56 },
      dnsMs: 4.5,
      bytes: 123456,
      headers: [
        ['server', 'nginx'],
        ['etag', '"abc"'],
      ],
    });
  });

  test('no HTTP response: no timings, size or headers; the DNS time stays', () => {
    expect(lastCheckRun({ ...status, http: null })).toEqual({
      checkedAt: status.checkedAt,
      timings: null,
      dnsMs: 4.5,
      bytes: null,
      headers: [],
    });
  });

  test('anything not of the expected type is left out', () => {
    expect(
      lastCheckRun({
        checkedAt: 'yesterday',
        http: { timings: { total: '5', dns: Number.NaN }, bytes: [1], headers: { a: 1, b: 'ok', c: { x: 1 } } },
        dns: 'x',
      }),
    ).toEqual({
      checkedAt: null,
      timings: { dns: null, connect: null, tls: null, ttfb: null, total: null },
      dnsMs: null,
      bytes: null,
      headers: [['b', 'ok']],
    });
    for (const json of [null, 'x', 3, [status]]) expect(lastCheckRun(json)).toBeNull();
  });
});

describe('formats', () => {
  test('formatInstant writes what formatDateTime writes on the pages', () => {
    for (const instant of ['2026-11-26T02:55:07.000Z', '2026-12-31T17:00:00Z', '2027-03-28T01:30:00Z'])
      for (const zone of ['Asia/Ho_Chi_Minh', 'Europe/London', 'UTC'])
        expect(formatInstant(instant, zone), `${instant} ${zone}`).toBe(formatDateTime(instant, zone));
  });

  test('milliseconds and bytes in each language', () => {
    expect(formatMs(1234.56, 'vi')).toBe('1.234,6 ms');
    expect(formatMs(1234.56, 'en')).toBe('1,234.6 ms');
    expect(formatMs(null, 'vi')).toBe('—');
    expect(formatBytes(123456, 'vi')).toBe('123.456 byte');
    expect(formatBytes(123456, 'en')).toBe('123,456 byte');
    expect(formatBytes(null, 'en')).toBe('—');
  });
});

describe('plainLine (header text, in the browser)', () => {
  test.each([
    'nginx/1.18.0 (Ubuntu)',
    'text/html; charset=utf-8',
    "default-src 'self' https://cdn.nhacai88.bet *.gov.vn; frame-ancestors 'none'",
    'https://nhacai88.bet/x?y=1',
    'go to www.nha-cai.com or mail a@b.com',
    'abc\u202Eevil\u200Bx\u2066y \u0007 line\r\nbreak',
    '<script>alert(1)</script>',
    'Hoa\u0300 bình',
    'W/"5f3-17a"',
    '   ',
  ])('as inertText: %j', (text) => {
    expect(plainLine(text, 200)).toBe(inertText(text, 200));
  });

  test('without the public suffix list it defangs more, never less', () => {
    expect(plainLine('see index.html', 200)).toBe('see index[.]html');
    expect(inertText('see index.html', 200)).toBe('see index.html');
  });

  test('truncates between grapheme clusters, ellipsis included in the length', () => {
    expect(plainLine('Hoà bình Hoà bình', 6)).toBe(inertText('Hoà bình Hoà bình', 6));
    expect(plainLine('Hoa\u0300 bình', 3)).toBe('Ho…');
    expect(plainLine('abc', 3)).toBe('abc');
  });
});
