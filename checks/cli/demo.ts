import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startSimulator } from '../simulator/simulator.ts';
import { DEMO_PORTALS, writeDemoRegistry } from '../simulator/demo-portals.ts';
import { runAndReport } from './run-and-report.ts';
import { flatLocation } from '../store/data-location.ts';

// `npm start`: the whole pipeline on this machine alone. Simulated agency portals on loopback (one per
// failure scenario), a registry for them in a scratch dir — never the deployment's data/ — and one run.
const sim = await startSimulator();
try {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'canhgac-demo-'));
  await writeDemoRegistry(dataDir, sim);
  console.log(`Canh Gác demo: ${DEMO_PORTALS.length} simulated portals on 127.0.0.1, registry in ${dataDir}/sites\n`);
  await runAndReport(
    // The scratch dir is not a repository: the demo never commits.
    {
      location: flatLocation(dataDir),
      only: [],
      shard: undefined,
      allowPrivate: true,
      now: undefined,
      commit: false,
      push: undefined,
      exportDir: undefined,
      jobSummaryFile: undefined,
      env: process.env.CANHGAC_CHROMIUM ? { CANHGAC_CHROMIUM: process.env.CANHGAC_CHROMIUM } : {},
    },
    { out: (l) => console.log(l), err: (l) => console.error(l) },
  );
  console.log(
    `\nOpen ${path.join(dataDir, 'status')} for each site's JSON, ${path.join(dataDir, 'history')} for its history.`,
  );
  console.log('Run it for real: add data/sites/<id>.yml files, then `npm run validate` and `npm run check`.');
} catch (error) {
  console.error(`canhgac demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await sim.close();
}
