import { describe, expect, it } from 'vitest';
import { judgeVantage, type VantageJudgement } from '../../checks/monitor/vantage.ts';
import { VantageSchema } from '../../checks/schemas/config.ts';
import type { Site } from '../../checks/schemas/site.ts';
import type { Reason } from '../../checks/schemas/status.ts';
import { siteOf, sitesIn, statusOf } from './vantage-fixture.ts';

const DEFAULTS = VantageSchema.parse({});
const NOW = '2026-11-26T03:00:00.000Z';
const PROVINCES = [
  'ha-noi',
  'hue',
  'da-nang',
  'can-tho',
  'lao-cai',
  'ca-mau',
  'an-giang',
  'son-la',
  'ha-giang',
  'nghe-an',
];

/** Sites and their reasons this tick; `fail(site)` gives each one's reason (null: up). */
function tick(sites: readonly Site[], fail: (site: Site, index: number) => Reason | null) {
  return {
    sites: new Map(sites.map((s) => [s.id, s])),
    statuses: sites.map((s, i) => statusOf(s.id, fail(s, i), NOW)),
  };
}

const cases: {
  name: string;
  input: ReturnType<typeof tick>;
  settings?: Partial<typeof DEFAULTS>;
  expected: VantageJudgement;
}[] = [
  {
    name: 'all 40 sites DNS-timeout: the runner lost DNS',
    input: tick(sitesIn('s', 40, PROVINCES), () => 'dns-timeout'),
    expected: {
      failed: true,
      checked: 40,
      networkFailures: 40,
      share: 1,
      groupsAffected: 10,
      agenciesAffected: 10,
      reasons: [{ reason: 'dns-timeout', count: 40 }],
      why: '100 % of 40 sites failed at the network level in 10 groups',
    },
  },
  {
    name: 'one province: 30 of 300 sites down, all in one group',
    input: tick(
      [
        ...sitesIn('hue', 30, ['hue']),
        ...sitesIn(
          's',
          270,
          PROVINCES.filter((p) => p !== 'hue'),
        ),
      ],
      (s) => (s.group === 'hue' ? 'connect-timeout' : null),
    ),
    expected: {
      failed: false,
      checked: 300,
      networkFailures: 30,
      share: 0.1,
      groupsAffected: 1,
      agenciesAffected: 1,
      reasons: [{ reason: 'connect-timeout', count: 30 }],
      why: 'share 10 % below 50 %',
    },
  },
  {
    name: 'a province that is most of the registry still needs a second group',
    input: tick([...sitesIn('hue', 30, ['hue']), ...sitesIn('s', 10, ['da-nang'])], (s) =>
      s.group === 'hue' ? 'connect-unreachable' : null,
    ),
    expected: {
      failed: false,
      checked: 40,
      networkFailures: 30,
      share: 0.75,
      groupsAffected: 1,
      agenciesAffected: 1,
      reasons: [{ reason: 'connect-unreachable', count: 30 }],
      why: 'failures in 1 group, fewer than 2',
    },
  },
  {
    name: 'every site answering 5xx: the network worked, the sites failed',
    input: tick(sitesIn('s', 40, PROVINCES), () => 'http-status'),
    expected: {
      failed: false,
      checked: 40,
      networkFailures: 0,
      share: 0,
      groupsAffected: 0,
      agenciesAffected: 0,
      reasons: [],
      why: 'share 0 % below 50 %',
    },
  },
  {
    name: 'half 5xx and a quarter timing out: not enough at the network level',
    input: tick(sitesIn('s', 40, PROVINCES), (_, i) => (i % 4 === 0 ? 'timeout' : i % 2 === 0 ? null : 'http-status')),
    expected: {
      failed: false,
      checked: 40,
      networkFailures: 10,
      share: 0.25,
      groupsAffected: 5,
      agenciesAffected: 5,
      reasons: [{ reason: 'timeout', count: 10 }],
      why: 'share 25 % below 50 %',
    },
  },
  {
    name: 'a tiny registry: 3 of 4 down',
    input: tick(sitesIn('s', 4, PROVINCES), (_, i) => (i < 3 ? 'dns-timeout' : null)),
    expected: {
      failed: false,
      checked: 4,
      networkFailures: 3,
      share: 0.75,
      groupsAffected: 3,
      agenciesAffected: 3,
      reasons: [{ reason: 'dns-timeout', count: 3 }],
      why: '3 network failures, fewer than 10',
    },
  },
  {
    name: 'mixed network reasons over many groups, some sites still up: failed',
    input: tick(sitesIn('s', 40, PROVINCES), (_, i) =>
      i < 20 ? 'dns-timeout' : i < 28 ? 'connect-timeout' : i < 30 ? 'dns' : i < 35 ? 'http-status' : null,
    ),
    expected: {
      failed: true,
      checked: 40,
      networkFailures: 30,
      share: 0.75,
      groupsAffected: 10,
      agenciesAffected: 10,
      reasons: [
        { reason: 'dns-timeout', count: 20 },
        { reason: 'connect-timeout', count: 8 },
        { reason: 'dns', count: 2 },
      ],
      why: '75 % of 40 sites failed at the network level in 10 groups',
    },
  },
  {
    name: 'a one-group registry is judged by agencies',
    input: tick(
      Array.from({ length: 12 }, (_, i) => siteOf(`bo-${i}`, 'bo-nganh', `Bộ ${i % 6}`)),
      () => 'connect-timeout',
    ),
    expected: {
      failed: true,
      checked: 12,
      networkFailures: 12,
      share: 1,
      groupsAffected: 1,
      agenciesAffected: 6,
      reasons: [{ reason: 'connect-timeout', count: 12 }],
      why: '100 % of 12 sites failed at the network level in 6 agencies',
    },
  },
  {
    name: 'degraded (slow) is not a network failure',
    input: tick(sitesIn('s', 20, PROVINCES), () => 'slow'),
    expected: {
      failed: false,
      checked: 20,
      networkFailures: 0,
      share: 0,
      groupsAffected: 0,
      agenciesAffected: 0,
      reasons: [],
      why: 'share 0 % below 50 %',
    },
  },
  {
    name: 'nothing checked',
    input: tick([], () => null),
    expected: {
      failed: false,
      checked: 0,
      networkFailures: 0,
      share: 0,
      groupsAffected: 0,
      agenciesAffected: 0,
      reasons: [],
      why: 'share 0 % below 50 %',
    },
  },
  {
    name: 'thresholds from config: min_sites 3 lets the tiny registry trip',
    input: tick(sitesIn('s', 4, PROVINCES), (_, i) => (i < 3 ? 'dns-timeout' : null)),
    settings: { min_sites: 3 },
    expected: {
      failed: true,
      checked: 4,
      networkFailures: 3,
      share: 0.75,
      groupsAffected: 3,
      agenciesAffected: 3,
      reasons: [{ reason: 'dns-timeout', count: 3 }],
      why: '75 % of 4 sites failed at the network level in 3 groups',
    },
  },
];

describe('judgeVantage', () => {
  it.each(cases)('$name', ({ input, settings, expected }) => {
    expect(judgeVantage(input.statuses, input.sites, { ...DEFAULTS, ...settings })).toEqual(expected);
  });

  it('leaves out statuses of sites no longer registered', () => {
    const input = tick(sitesIn('s', 20, PROVINCES), () => 'dns-timeout');
    const judgement = judgeVantage(input.statuses, new Map([...input.sites].slice(0, 5)), DEFAULTS);
    expect([judgement.checked, judgement.networkFailures, judgement.failed]).toEqual([5, 5, false]);
  });

  it('has the documented defaults', () => {
    expect(DEFAULTS).toEqual({ min_share: 0.5, min_sites: 10, min_groups: 2 });
  });
});
