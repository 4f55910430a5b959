import { expect, test } from 'vitest';
import { stateBadge, uptimeBadge, uptimeColor } from '../../site/lib/shields-badge.ts';
import { outputsFixture } from '../support/public-outputs-fixture.ts';
import { CanhGacBadgeSchema, ShieldsEndpointSchema } from '../support/shields-endpoint-schema.ts';

const { model } = outputsFixture();
const row = (id: string) => model.sites.find((s) => s.id === id)!;

test.each([
  ['bo-a', { schemaVersion: 1, label: 'trạng thái', message: 'Hoạt động', color: 'brightgreen', cacheSeconds: 300 }],
  ['bo-b', { schemaVersion: 1, label: 'trạng thái', message: 'Gián đoạn', color: 'red', cacheSeconds: 300 }],
  ['tinh-c', { schemaVersion: 1, label: 'trạng thái', message: 'Chậm', color: 'yellow', cacheSeconds: 300 }],
  ['tinh-d', { schemaVersion: 1, label: 'trạng thái', message: 'Bảo trì', color: 'blue', cacheSeconds: 300 }],
  [
    'co-quan-e',
    { schemaVersion: 1, label: 'trạng thái', message: 'Chưa kiểm tra', color: 'lightgrey', cacheSeconds: 300 },
  ],
])('state badge of %s', (id, expected) => {
  const badge = stateBadge(row(id));
  expect(badge).toEqual(expected);
  expect(CanhGacBadgeSchema.safeParse(badge).success).toBe(true);
});

test('uptime badge: 287 of 288 checks answered over 90 days, floored as the site shows it', () => {
  const badge = uptimeBadge(row('bo-a'));
  expect(badge).toEqual({
    schemaVersion: 1,
    label: 'hoạt động 90 ngày',
    message: '99,65 %',
    color: 'green',
    cacheSeconds: 300,
  });
  expect(CanhGacBadgeSchema.safeParse(badge).success).toBe(true);
});

test('uptime badge without data: a non-empty message, grey', () => {
  const badge = uptimeBadge(row('co-quan-e'));
  expect(badge).toEqual({
    schemaVersion: 1,
    label: 'hoạt động 90 ngày',
    message: 'chưa có số liệu',
    color: 'lightgrey',
    cacheSeconds: 300,
  });
  expect(CanhGacBadgeSchema.safeParse(badge).success).toBe(true);
});

test.each([
  [null, 'lightgrey'],
  [1, 'brightgreen'],
  [0.999, 'brightgreen'],
  [0.9989, 'green'],
  [0.99, 'green'],
  [0.97, 'yellowgreen'],
  [0.95, 'yellow'],
  [0.9, 'orange'],
  [0.5, 'red'],
])('uptime %s → %s', (share, color) => {
  expect(uptimeColor(share)).toBe(color);
});

test('the shields schema mirror rejects what shields rejects', () => {
  const ok = { schemaVersion: 1, label: '', message: 'x' };
  expect(ShieldsEndpointSchema.safeParse(ok).success).toBe(true);
  expect(ShieldsEndpointSchema.safeParse({ ...ok, message: '' }).success).toBe(false);
  expect(ShieldsEndpointSchema.safeParse({ ...ok, schemaVersion: 2 }).success).toBe(false);
  expect(ShieldsEndpointSchema.safeParse({ ...ok, link: 'https://x' }).success).toBe(false);
  expect(ShieldsEndpointSchema.safeParse({ ...ok, namedLogo: 'github', logoSvg: '<svg/>' }).success).toBe(false);
  expect(ShieldsEndpointSchema.safeParse({ ...ok, logoColor: 'red' }).success).toBe(false);
  expect(ShieldsEndpointSchema.safeParse({ ...ok, cacheSeconds: 1.5 }).success).toBe(false);
  expect(CanhGacBadgeSchema.safeParse({ ...ok, color: 'red', cacheSeconds: 60 }).success).toBe(false);
  expect(CanhGacBadgeSchema.safeParse({ ...ok, cacheSeconds: 300 }).success).toBe(false);
});
