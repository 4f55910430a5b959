import { promises as dns } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyName, routeHost } from '../../checks/simulator/host-names.ts';
import { startSimulator, type Simulator } from '../../checks/simulator/simulator.ts';

const ZONE = 'sim.canhgac.test';

describe('simulator DNS server', () => {
  let sim: Simulator;
  let resolver: dns.Resolver;

  beforeAll(async () => {
    sim = await startSimulator();
    resolver = new dns.Resolver({ timeout: 300, tries: 1 });
    resolver.setServers([`${sim.dnsServer.host}:${sim.dnsServer.port}`]);
  });
  afterAll(() => sim.close());

  it.each([
    `healthy.${ZONE}`,
    `tls-expired.${ZONE}`,
    `so-khcn-vi-du.flaky.${ZONE}`,
    `HEALTHY.Sim.CanhGac.Test`,
    `p42.bench.${ZONE}`,
    ZONE,
    'foreign.other-zone.test',
  ])('answers A 127.0.0.1 for %s', async (name) => {
    await expect(resolver.resolve4(name)).resolves.toEqual(['127.0.0.1']);
  });

  it('gives the TTL it promised', async () => {
    await expect(resolver.resolve4(`healthy.${ZONE}`, { ttl: true })).resolves.toEqual([{ address: '127.0.0.1', ttl: 30 }]);
  });

  it('answers AAAA with NOERROR and no records (ENODATA)', async () => {
    await expect(resolver.resolve6(`healthy.${ZONE}`)).rejects.toMatchObject({ code: 'ENODATA' });
  });

  it.each([`nope.${ZONE}`, `nxdomain.${ZONE}`, `a.b.healthy.${ZONE}`, 'example.com', 'other.other-zone.test'])(
    'answers NXDOMAIN (ENOTFOUND) for %s',
    async (name) => {
      await expect(resolver.resolve4(name)).rejects.toMatchObject({ code: 'ENOTFOUND' });
    },
  );

  it('answers SERVFAIL (ESERVFAIL) for servfail.<zone>', async () => {
    await expect(resolver.resolve4(`servfail.${ZONE}`)).rejects.toMatchObject({ code: 'ESERVFAIL' });
  });

  it('never answers dns-timeout.<zone> (ETIMEOUT)', async () => {
    await expect(resolver.resolve4(`dns-timeout.${ZONE}`)).rejects.toMatchObject({ code: 'ETIMEOUT' });
  });

  it('aliases cname.<zone> to healthy.<zone> and follows the chain for A', async () => {
    await expect(resolver.resolveCname(`cname.${ZONE}`)).resolves.toEqual([`healthy.${ZONE}`]);
    await expect(resolver.resolveCname(`portal-1.cname.${ZONE}`)).resolves.toEqual([`portal-1.healthy.${ZONE}`]);
    await expect(resolver.resolve4(`cname.${ZONE}`)).resolves.toEqual(['127.0.0.1']);
  });

  it('builds URLs whose host names it resolves', async () => {
    expect(sim.dnsUrl('servfail')).toBe(`http://servfail.${ZONE}:${new URL(sim.urlFor('healthy')).port}/`);
    expect(sim.dnsUrl('cname', 'bo-mau')).toMatch(new RegExp(`^http://bo-mau\\.cname\\.${ZONE.replaceAll('.', '\\.')}:\\d+/$`));
    for (const url of [sim.urlFor('healthy', 'bo-mau'), sim.urlFor('tls-valid', 'bo-mau')]) {
      await expect(resolver.resolve4(new URL(url).hostname)).resolves.toEqual(['127.0.0.1']);
    }
  });
});

describe('simulator host names', () => {
  it.each([
    [`healthy.${ZONE}`, { kind: 'scenario', scenario: 'healthy', portal: undefined }],
    [`bo-mau.slow.${ZONE}.`, { kind: 'scenario', scenario: 'slow', portal: 'bo-mau' }],
    [`cname.${ZONE}`, { kind: 'scenario', scenario: 'healthy', portal: undefined }],
    [`p7.bench.${ZONE}`, { kind: 'bench', index: 7 }],
    [`x7.bench.${ZONE}`, { kind: 'unknown' }],
    ['foreign.other-zone.test', { kind: 'foreign' }],
    [`unknown.${ZONE}`, { kind: 'unknown' }],
    ['127.0.0.1', { kind: 'unknown' }],
  ])('routes %s', (host, route) => {
    expect(routeHost(host, ZONE)).toEqual(route);
  });

  it.each([
    [`servfail.${ZONE}`, { kind: 'servfail' }],
    [`x.dns-timeout.${ZONE}`, { kind: 'no-answer' }],
    [`x.cname.${ZONE}`, { kind: 'alias', target: `x.healthy.${ZONE}` }],
    [`gzip-bomb.${ZONE}`, { kind: 'address' }],
    [`bench.${ZONE}`, { kind: 'nxdomain' }],
    ['sim.canhgac.test.evil.example', { kind: 'nxdomain' }],
  ])('classifies %s', (name, verdict) => {
    expect(classifyName(name, ZONE)).toEqual(verdict);
  });
});
