import path from 'node:path';
import type { Shard } from '../run/shard.ts';

/** Where everything lives under the data dir; the one place that knows the layout. */
export function dataPaths(dataDir: string) {
  const status = (id: string) => path.join(dataDir, 'status', `${id}.json`);
  const history = (id: string) => path.join(dataDir, 'history', `${id}.json`);
  const run = (shard: Shard) => path.join(dataDir, 'runs', `shard-${shard.index}-of-${shard.count}.json`);
  const baselines = path.join(dataDir, 'baselines');
  const baseline = (id: string) => path.join(baselines, `${id}.json`);
  const baselineScreenshot = (id: string) => path.join(baselines, `${id}.webp`);
  const acceptRequest = (id: string) => path.join(baselines, `${id}.accept`);
  return {
    root: dataDir,
    sites: path.join(dataDir, 'sites'),
    config: path.join(dataDir, 'config.yml'),
    status,
    history,
    run,
    /** Baselines, their screenshots and accept requests. */
    baselines,
    /** A site's baseline model (defacement detection). */
    baseline,
    /** The baseline screenshot (WebP), compared by the visual tier. */
    baselineScreenshot,
    /** A pending request to take the next observation as the baseline. */
    acceptRequest,
    /** Incident memory per site (counters, the open incident, suppressions). */
    tracks: (id: string) => path.join(dataDir, 'incidents', 'tracks', `${id}.json`),
    /** What the public site may show of an incident. */
    publicIncident: (incidentId: string) => path.join(dataDir, 'incidents', 'public', `${incidentId}.json`),
    /** What responders see of an incident (evidence, responders, the issue). */
    internalIncident: (incidentId: string) => path.join(dataDir, 'incidents', 'internal', `${incidentId}.json`),
    localIssues: path.join(dataDir, 'incidents', 'local'),
    /** The instants of the recent ticks (checks/schemas/ticks.ts): the real cadence. */
    ticks: path.join(dataDir, 'monitor', 'ticks.json'),
    /** The monitor's own incident memory (checks/schemas/monitor-incident.ts). */
    monitorIncident: path.join(dataDir, 'monitor', 'incident.json'),
    /** The monitor's `network` incident (the runner's own DNS or network failed), a track of its own. */
    monitorNetworkIncident: path.join(dataDir, 'monitor', 'network-incident.json'),
    /** The files a run of these sites in this shard writes; the only ones it commits. */
    written: (ids: readonly string[], shard: Shard) => [
      ...ids.flatMap((id) => [
        status(id),
        history(id),
        baseline(id),
        baselineScreenshot(id),
        // Consumed (deleted) by the run that takes the new baseline: committed as a deletion.
        acceptRequest(id),
      ]),
      run(shard),
    ],
  };
}
