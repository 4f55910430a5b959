import path from 'node:path';
import type { Shard } from '../run/shard.ts';

/** Where everything lives under the data dir; the one place that knows the layout. */
export function dataPaths(dataDir: string) {
  return {
    root: dataDir,
    sites: path.join(dataDir, 'sites'),
    config: path.join(dataDir, 'config.yml'),
    status: (id: string) => path.join(dataDir, 'status', `${id}.json`),
    history: (id: string) => path.join(dataDir, 'history', `${id}.json`),
    run: (shard: Shard) => path.join(dataDir, 'runs', `shard-${shard.index}-of-${shard.count}.json`),
    /** The files a run of these sites in this shard writes; the only ones it commits. */
    written: (ids: readonly string[], shard: Shard, extra: readonly string[] = []) => [
      ...ids.flatMap((id) => [
        path.join(dataDir, 'status', `${id}.json`),
        path.join(dataDir, 'history', `${id}.json`),
        path.join(dataDir, 'baselines', `${id}.json`),
        path.join(dataDir, 'baselines', `${id}.webp`),
        // Consumed (deleted) by the run that takes the new baseline: committed as a deletion.
        path.join(dataDir, 'baselines', `${id}.accept`),
      ]),
      path.join(dataDir, 'runs', `shard-${shard.index}-of-${shard.count}.json`),
      ...extra.map((relative) => path.join(dataDir, relative)),
    ],
  };
}
