import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../checks/schemas/config.ts';
import { SITE_ID_PATTERN, SiteFileSchema } from '../../checks/schemas/site.ts';
import { DEMO_PORTALS, writeDemoRegistry } from '../../checks/simulator/demo-portals.ts';
import { SCENARIOS } from '../../checks/simulator/scenarios.ts';
import { startSimulator, type Simulator } from '../../checks/simulator/simulator.ts';

describe('demo portals', () => {
  let sim: Simulator;
  let dataDir: string;

  beforeAll(async () => {
    sim = await startSimulator();
    dataDir = await mkdtemp(join(tmpdir(), 'canhgac-demo-'));
    await writeDemoRegistry(dataDir, sim);
  });
  afterAll(async () => {
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('uses every scenario, with unique valid ids', () => {
    expect(new Set(DEMO_PORTALS.map((portal) => portal.scenario))).toEqual(new Set(SCENARIOS));
    expect(new Set(DEMO_PORTALS.map((portal) => portal.id)).size).toBe(DEMO_PORTALS.length);
    for (const portal of DEMO_PORTALS) expect(portal.id).toMatch(SITE_ID_PATTERN);
  });

  it('writes one valid site file per portal, pointing at the simulator', async () => {
    const files = (await readdir(join(dataDir, 'sites'))).sort();
    expect(files).toEqual(DEMO_PORTALS.map((portal) => `${portal.id}.yml`).sort());
    const site = SiteFileSchema.parse(parse(await readFile(join(dataDir, 'sites', 'so-khcn-vi-du.yml'), 'utf8')));
    expect(site).toMatchObject({
      name: 'Sở Khoa học và Công nghệ tỉnh Ví Dụ',
      agency: 'Ủy ban nhân dân tỉnh Ví Dụ',
      group: 'province',
      url: sim.urlFor('tls-expired', 'so-khcn-vi-du'),
      responders: [],
      tags: ['demo', 'tls-expired'],
    });
    for (const file of files) SiteFileSchema.parse(parse(await readFile(join(dataDir, 'sites', file), 'utf8')));
  });

  it('writes a config aimed at the simulator DNS server and CA', async () => {
    const config = ConfigSchema.parse(parse(await readFile(join(dataDir, 'config.yml'), 'utf8')));
    expect(config.organisation.name).toBe('Canh Gác — bản demo');
    expect(config.probe).toMatchObject({
      dns_servers: [`127.0.0.1:${sim.dnsServer.port}`],
      ca_file: 'sim-ca.pem',
      retest_delay_ms: 200,
      header_timeout_ms: 3000,
      total_timeout_ms: 6000,
      connect_timeout_ms: 2000,
      degraded_ms: 1000,
    });
    expect(await readFile(join(dataDir, 'sim-ca.pem'), 'utf8')).toBe(sim.caPem);
  });
});
