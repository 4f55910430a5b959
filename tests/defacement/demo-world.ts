import { Resolver } from 'node:dns/promises';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BaselineFileSchema } from '../../checks/schemas/baseline.ts';
import { StatusFileSchema } from '../../checks/schemas/status.ts';
import { writeDemoRegistry } from '../../checks/simulator/demo-portals.ts';
import { startSimulator, type Simulator } from '../../checks/simulator/simulator.ts';

/** The simulator, a temp data dir holding its demo registry, and a resolver that asks the simulator's DNS. */
export interface DemoWorld {
  readonly sim: Simulator;
  readonly dataDir: string;
  readonly resolver: Resolver;
  /** A site's baseline as the runs left it, parsed with the schema the site reads it with. */
  baseline(id: string): Promise<ReturnType<typeof BaselineFileSchema.parse>>;
  /** A site's status as the last run wrote it. */
  status(id: string): Promise<ReturnType<typeof StatusFileSchema.parse>>;
  /** Stops the simulator and removes the data dir. */
  close(): Promise<void>;
}

/** What the end-to-end defacement tests run `runChecks` against; `tempPrefix` names the data dir. */
export async function startDemoWorld(tempPrefix: string): Promise<DemoWorld> {
  const sim = await startSimulator({ slowMs: 300, slowHeadersMs: 5_000 });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), tempPrefix));
  await writeDemoRegistry(dataDir, sim);
  const resolver = new Resolver();
  resolver.setServers([`${sim.dnsServer.host}:${sim.dnsServer.port}`]);
  const readJson = async (...parts: string[]): Promise<unknown> =>
    JSON.parse(await readFile(path.join(dataDir, ...parts), 'utf8'));
  return {
    sim,
    dataDir,
    resolver,
    baseline: async (id) => BaselineFileSchema.parse(await readJson('baselines', `${id}.json`)),
    status: async (id) => StatusFileSchema.parse(await readJson('status', `${id}.json`)),
    async close() {
      await sim.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
