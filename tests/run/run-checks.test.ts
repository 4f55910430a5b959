import { Resolver } from 'node:dns/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DnsResolver } from '../../checks/probes/resolve-host.ts';
import { runChecks } from '../../checks/run/run-checks.ts';
import { writeDemoRegistry } from '../../checks/simulator/demo-portals.ts';
import { startSimulator, type Simulator } from '../../checks/simulator/simulator.ts';
import { flatLocation } from '../../checks/store/data-location.ts';

let sim: Simulator;
let dataDir: string;
beforeAll(async () => {
  sim = await startSimulator({ slowMs: 300, slowHeadersMs: 5_000 });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'canhgac-run-'));
  await writeDemoRegistry(dataDir, sim);
});
afterAll(async () => {
  await sim.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('runChecks', () => {
  it('turns a bug inside one check into that site’s `internal` failure and keeps the others', async () => {
    const real = new Resolver();
    real.setServers([`${sim.dnsServer.host}:${sim.dnsServer.port}`]);
    const buggy: DnsResolver = {
      resolve4: (host) => {
        if (host.startsWith('bo-mau.')) throw new TypeError('cannot read properties of undefined');
        return real.resolve4(host);
      },
      resolve6: (host) => real.resolve6(host),
      resolveCname: (host) => real.resolveCname(host),
    };
    const report = await runChecks(
      {
        location: flatLocation(dataDir),
        only: ['bo-mau', 'tinh-vi-du'],
        allowPrivate: true,
        commit: false,
        now: new Date('2026-11-25T01:00:00Z'),
      },
      { resolver: buggy, sleep: async () => {} },
    );
    const byId = Object.fromEntries(report.checks.map((c) => [c.status.id, c.status]));
    expect(byId['bo-mau']).toMatchObject({
      state: 'down',
      reason: 'internal',
      error: { code: 'UNKNOWN', message: 'cannot read properties of undefined' },
    });
    expect(byId['tinh-vi-du']).toMatchObject({ state: 'up' });
    expect(report.run).toMatchObject({ sites: 2, up: 1, down: 1 });
  });
});
