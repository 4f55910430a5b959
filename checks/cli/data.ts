import { parseArgs } from 'node:util';
import { loadRegistry } from '../registry/load-registry.ts';
import { resolveDataLocation } from '../store/data-location.ts';
import { migrateResults } from '../store/migrate-results.ts';

const USAGE = `usage: npm run data -- migrate [--push]
  migrate   move results that an older Canh Gác committed on main (data/status, data/history,
            data/incidents, data/baselines, data/evidence, data/runs) to the results branch
            (git.data_branch in data/config.yml), keeping them byte for byte; main gets one commit
            that removes them. --push pushes both branches to origin.`;

class UsageError extends Error {}

// Thin entry point: parse once, act, set the exit code.
try {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    strict: true,
    options: { push: { type: 'boolean', default: false } },
  });
  const [command, ...rest] = positionals;
  if (command !== 'migrate' || rest.length > 0)
    throw new UsageError(
      command === undefined ? 'a command is missing' : `unknown command "${[command, ...rest].join(' ')}"`,
    );
  const location = resolveDataLocation({ env: {} });
  const { config } = await loadRegistry(location.registryDir, { allowPrivate: true });
  const outcome = await migrateResults({
    repoDir: location.repoDir!,
    registryDir: location.registryDir,
    worktree: location.resultsDir,
    branch: config.git.data_branch,
    remote: 'origin',
    push: values.push,
  });
  if (outcome.kind === 'nothing') console.log(`nothing to migrate: ${outcome.why}`);
  else {
    console.log(
      `moved ${outcome.files} files (${outcome.folders.join(', ')}) to ${config.git.data_branch} (${outcome.resultsCommit.slice(0, 10)}), checked out at ${location.resultsDir}`,
    );
    console.log(
      `main: ${outcome.mainCommit.slice(0, 10)} removes them${outcome.pushed ? '; both branches pushed to origin' : `; not pushed (no --push): git push origin main && git -C ${location.resultsDir} push origin ${config.git.data_branch}`}`,
    );
  }
} catch (error) {
  console.error(`canhgac data: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
    console.error(USAGE);
  process.exitCode = 1;
}
