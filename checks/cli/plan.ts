import { appendFile } from 'node:fs/promises';
import { loadRegistry } from '../registry/load-registry.ts';
import { planShards } from '../run/plan-shards.ts';
import { resolveDataLocation } from '../store/data-location.ts';
import { allowPrivateFromEnv } from './check-args.ts';

// `npm run plan`: the tick's first job. Reads the registry and config and tells the other jobs what to
// do through $GITHUB_OUTPUT: the shard matrix, where the checks run, where the internal site goes.
// Thin entry point: read the environment once, act, set the exit code.
const env = process.env;
try {
  const location = resolveDataLocation({ env });
  const registry = await loadRegistry(location.registryDir, { allowPrivate: allowPrivateFromEnv(env) });
  const { pipeline, git } = registry.config;
  const plan = planShards(registry.sites.length, pipeline);
  const internal = pipeline.internal_site;
  const outputs: Record<string, string> = {
    shards: JSON.stringify(plan.shards),
    shard_count: String(plan.count),
    check_runner: JSON.stringify(pipeline.check_runner),
    data_branch: git.data_branch,
    internal_target: internal.target,
    internal_runner: JSON.stringify(internal.runner ?? 'ubuntu-latest'),
    internal_command: internal.command ?? '',
  };
  const errors = registry.problems.filter((p) => p.severity === 'error').length;
  console.log(
    `${registry.sites.length} sites${errors ? ` (${errors} site files with errors left out: npm run validate)` : ''} → ${plan.count} check shard${plan.count === 1 ? '' : 's'} of at most ${Math.ceil(registry.sites.length / plan.count)} sites`,
  );
  for (const [key, value] of Object.entries(outputs)) console.log(`  ${key} = ${value}`);
  if (env.GITHUB_OUTPUT)
    await appendFile(
      env.GITHUB_OUTPUT,
      Object.entries(outputs)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
    );
} catch (error) {
  console.error(`canhgac plan: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
