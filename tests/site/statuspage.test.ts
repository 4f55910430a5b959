import { describe, expect, test } from 'vitest';
import {
  buildStatuspageApi,
  COMPONENT_STATUS,
  groupComponentId,
  maintenanceId,
  statusOf,
  STATUSPAGE_PATHS,
} from '../../site/lib/statuspage.ts';
import { isoInZone } from '../../site/lib/iso-in-zone.ts';
import { outputsFixture } from '../support/public-outputs-fixture.ts';
import { STATUSPAGE_RESPONSE_SCHEMAS } from '../support/statuspage-schema.ts';

const api = buildStatuspageApi(outputsFixture().input);

describe('Statuspage v2 JSON (fixture: one site of each state, built 10:00 in Hà Nội)', () => {
  test.each(STATUSPAGE_PATHS)('%s passes the strict Statuspage schema', (path) => {
    const result = STATUSPAGE_RESPONSE_SCHEMAS[path].safeParse(JSON.parse(JSON.stringify(api[path])));
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  test('page and status: the worse of the overall state (partial → minor) and the open major incident', () => {
    expect(api['status.json']).toEqual({
      page: {
        id: 'trangthai.example.gov.vn',
        name: 'Cục Mẫu',
        url: 'https://trangthai.example.gov.vn',
        time_zone: 'Asia/Ho_Chi_Minh',
        updated_at: '2026-11-25T09:59:00.000+07:00',
      },
      status: { indicator: 'major', description: 'Có sự cố lớn' },
    });
  });

  test('components: a group per config group with its members; never-checked sites and empty groups left out', () => {
    const rows = api['components.json'].components.map((c) => [
      c.id,
      c.status,
      c.position,
      c.group,
      c.group_id,
      c.components ?? null,
    ]);
    expect(rows).toEqual([
      ['group.ministry', 'major_outage', 1, true, null, ['bo-a', 'bo-b']],
      ['bo-a', 'operational', 1, false, 'group.ministry', null],
      ['bo-b', 'major_outage', 2, false, 'group.ministry', null],
      ['group.province', 'degraded_performance', 2, true, null, ['tinh-c', 'tinh-d']],
      ['tinh-c', 'degraded_performance', 1, false, 'group.province', null],
      ['tinh-d', 'under_maintenance', 2, false, 'group.province', null],
    ]);
  });

  test('a component exactly: created at its first check, updated when its state began', () => {
    expect(api['components.json'].components.find((c) => c.id === 'bo-a')).toEqual({
      id: 'bo-a',
      name: 'Bộ A',
      status: 'operational',
      created_at: '2026-11-01T07:00:00.000+07:00',
      updated_at: '2026-11-20T08:00:00.000+07:00',
      position: 1,
      description: 'Bộ A',
      showcase: true,
      start_date: '2026-11-01',
      group_id: 'group.ministry',
      page_id: 'trangthai.example.gov.vn',
      group: false,
      only_show_if_degraded: false,
    });
    // In maintenance: updated when the window began, not when its check state did.
    expect(api['components.json'].components.find((c) => c.id === 'tinh-d')?.updated_at).toBe(
      '2026-11-25T09:00:00.000+07:00',
    );
  });

  test('incidents: public ones only, newest first; open → investigating, false alarm → resolved with impact none', () => {
    expect(api['incidents.json'].incidents.map((i) => [i.id, i.status, i.impact, i.resolved_at])).toEqual([
      ['bo-b--availability--20261125T0230', 'investigating', 'major', null],
      ['bo-a--defacement--20261124T0000', 'resolved', 'none', '2026-11-24T08:00:00.000+07:00'],
      ['tinh-c--availability--20261120T0100', 'resolved', 'minor', '2026-11-20T09:00:00.000+07:00'],
    ]);
    expect(api['incidents/unresolved.json'].incidents.map((i) => i.id)).toEqual(['bo-b--availability--20261125T0230']);
    expect(api['summary.json'].incidents).toEqual(api['incidents/unresolved.json'].incidents);
  });

  test('an incident exactly: updates newest first with ids by time order, shortlink to its page, its component', () => {
    const incident = api['incidents.json'].incidents.find((i) => i.id === 'tinh-c--availability--20261120T0100')!;
    const component = api['components.json'].components.find((c) => c.id === 'tinh-c');
    const update = (n: number, status: string, body: string, at: string) => ({
      id: `tinh-c--availability--20261120T0100--${n}`,
      status,
      body,
      incident_id: 'tinh-c--availability--20261120T0100',
      created_at: at,
      updated_at: at,
      display_at: at,
      affected_components: null,
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    });
    expect(incident).toEqual({
      id: 'tinh-c--availability--20261120T0100',
      name: 'Tỉnh C: truy cập chậm, đã khắc phục',
      status: 'resolved',
      created_at: '2026-11-20T08:00:00.000+07:00',
      updated_at: '2026-11-20T09:00:00.000+07:00',
      monitoring_at: null,
      resolved_at: '2026-11-20T09:00:00.000+07:00',
      impact: 'minor',
      shortlink: 'https://trangthai.example.gov.vn/su-co/tinh-c--availability--20261120T0100/',
      started_at: '2026-11-20T08:00:00.000+07:00',
      page_id: 'trangthai.example.gov.vn',
      incident_updates: [
        update(2, 'resolved', 'Đã khắc phục.', '2026-11-20T09:00:00.000+07:00'),
        update(1, 'investigating', 'Phát hiện sự cố: truy cập chậm.', '2026-11-20T08:00:00.000+07:00'),
      ],
      components: [component],
    });
  });

  test('maintenance windows from the site files: scheduled, in progress, completed; newest start first', () => {
    const list = api['scheduled-maintenances.json'].scheduled_maintenances;
    expect(list.map((m) => [m.id, m.name, m.status, m.scheduled_for, m.scheduled_until, m.resolved_at])).toEqual([
      [
        'tinh-c--maintenance--20261205T150000',
        'Tỉnh C: bảo trì theo kế hoạch',
        'scheduled',
        '2026-12-05T22:00:00.000+07:00',
        '2026-12-06T02:00:00.000+07:00',
        null,
      ],
      [
        'tinh-d--maintenance--20261125T020000',
        'Tỉnh D: Nâng cấp máy chủ',
        'in_progress',
        '2026-11-25T09:00:00.000+07:00',
        '2026-11-25T12:00:00.000+07:00',
        null,
      ],
      [
        'tinh-d--maintenance--20261110T150000',
        'Tỉnh D: Thay ổ đĩa',
        'completed',
        '2026-11-10T22:00:00.000+07:00',
        '2026-11-11T00:00:00.000+07:00',
        '2026-11-11T00:00:00.000+07:00',
      ],
    ]);
    expect(
      list.every(
        (m) =>
          m.impact === 'maintenance' && m.shortlink === `https://trangthai.example.gov.vn/site/${m.id.split('--')[0]}/`,
      ),
    ).toBe(true);
    expect(api['scheduled-maintenances/upcoming.json'].scheduled_maintenances.map((m) => m.id)).toEqual([
      'tinh-c--maintenance--20261205T150000',
    ]);
    expect(api['scheduled-maintenances/active.json'].scheduled_maintenances.map((m) => m.id)).toEqual([
      'tinh-d--maintenance--20261125T020000',
    ]);
    expect(api['summary.json'].scheduled_maintenances.map((m) => m.id)).toEqual([
      'tinh-d--maintenance--20261125T020000',
      'tinh-c--maintenance--20261205T150000',
    ]);
  });

  test('a completed window tells its whole story, newest first, with the component change', () => {
    const done = api['scheduled-maintenances.json'].scheduled_maintenances[2]!;
    expect(done.incident_updates.map((u) => [u.id, u.status, u.body, u.display_at, u.affected_components])).toEqual([
      [
        'tinh-d--maintenance--20261110T150000--3',
        'completed',
        'Đã hoàn tất bảo trì.',
        '2026-11-11T00:00:00.000+07:00',
        [{ code: 'tinh-d', name: 'Tỉnh D', old_status: 'under_maintenance', new_status: 'operational' }],
      ],
      [
        'tinh-d--maintenance--20261110T150000--2',
        'in_progress',
        'Đang bảo trì.',
        '2026-11-10T22:00:00.000+07:00',
        [{ code: 'tinh-d', name: 'Tỉnh D', old_status: 'operational', new_status: 'under_maintenance' }],
      ],
      [
        'tinh-d--maintenance--20261110T150000--1',
        'scheduled',
        'Bảo trì theo kế hoạch từ 10/11/2026 22:00 đến 11/11/2026 00:00: Thay ổ đĩa',
        '2026-11-10T22:00:00.000+07:00',
        null,
      ],
    ]);
    expect(done.updated_at).toBe('2026-11-11T00:00:00.000+07:00');
  });

  test('summary carries every component and the same status', () => {
    expect(api['summary.json'].components).toEqual(api['components.json'].components);
    expect(api['summary.json'].status).toEqual(api['status.json'].status);
  });

  test('the same data gives byte-identical JSON (stable ids and times)', () => {
    expect(JSON.stringify(buildStatuspageApi(outputsFixture().input))).toBe(JSON.stringify(api));
  });

  test('nothing beyond the documented shapes: no portal addresses, no internal words', () => {
    const text = JSON.stringify(api);
    for (const site of outputsFixture().sites) expect(text).not.toContain(site.url);
    expect(text).not.toMatch(/contacts|responders|signals|evidence|issue|error/);
  });

  test('the schemas are strict: an unknown key or enum value fails', () => {
    const schema = STATUSPAGE_RESPONSE_SCHEMAS['components.json'];
    const [first, ...rest] = api['components.json'].components;
    expect(
      schema.safeParse({ ...api['components.json'], components: [{ ...first, uptime: 1 }, ...rest] }).success,
    ).toBe(false);
    expect(
      schema.safeParse({ ...api['components.json'], components: [{ ...first, status: 'degraded' }, ...rest] }).success,
    ).toBe(false);
    expect(
      STATUSPAGE_RESPONSE_SCHEMAS['status.json'].safeParse({
        ...api['status.json'],
        status: { indicator: 'maintenance', description: 'x' },
      }).success,
    ).toBe(false);
    expect(
      STATUSPAGE_RESPONSE_SCHEMAS['status.json'].safeParse({
        ...api['status.json'],
        page: { ...api['status.json'].page, updated_at: '2026-11-25 09:59' },
      }).success,
    ).toBe(false);
  });
});

describe('mappings', () => {
  test('site state → component status', () => {
    expect(COMPONENT_STATUS).toEqual({
      operational: 'operational',
      degraded: 'degraded_performance',
      down: 'major_outage',
      maintenance: 'under_maintenance',
      unknown: null,
    });
  });

  test.each([
    ['operational', [], { indicator: 'none', description: 'Tất cả hoạt động bình thường' }],
    ['maintenance', [], { indicator: 'none', description: 'Đang bảo trì' }],
    ['partial', [], { indicator: 'minor', description: 'Gián đoạn một phần' }],
    ['major', [], { indicator: 'major', description: 'Sự cố diện rộng' }],
    ['major', [{ impact: 'minor' }], { indicator: 'major', description: 'Sự cố diện rộng' }],
    ['operational', [{ impact: 'critical' }], { indicator: 'critical', description: 'Có sự cố nghiêm trọng' }],
    ['operational', [{ impact: 'none' }], { indicator: 'none', description: 'Tất cả hoạt động bình thường' }],
    ['partial', [{ impact: 'minor' }], { indicator: 'minor', description: 'Gián đoạn một phần' }],
  ] as const)('overall %s with unresolved %j → %j', (overall, unresolved, expected) => {
    expect(statusOf(overall, unresolved)).toEqual(expected);
  });

  test('ids: groups cannot take a site id; maintenance ids follow the start instant', () => {
    expect(groupComponentId('province')).toBe('group.province');
    expect(maintenanceId({ siteId: 'tinh-d', start: '2026-11-25T09:00:00+07:00' })).toBe(
      'tinh-d--maintenance--20261125T020000',
    );
  });

  test.each([
    ['2026-11-25T02:19:26.405Z', 'Asia/Ho_Chi_Minh', '2026-11-25T09:19:26.405+07:00'],
    ['2026-11-24T17:00:00Z', 'Asia/Ho_Chi_Minh', '2026-11-25T00:00:00.000+07:00'],
    ['2026-11-25T02:19:26Z', 'UTC', '2026-11-25T02:19:26.000+00:00'],
    ['2026-03-29T01:30:00Z', 'Europe/Berlin', '2026-03-29T03:30:00.000+02:00'],
    ['2026-11-24T23:59:59.999Z', 'America/St_Johns', '2026-11-24T20:29:59.999-03:30'],
  ])('isoInZone(%s, %s) = %s', (instant, zone, expected) => {
    expect(isoInZone(instant, zone)).toBe(expected);
  });

  test('isoInZone names a bad instant', () => {
    expect(() => isoInZone('yesterday', 'UTC')).toThrow('isoInZone: not an instant: yesterday');
  });
});
