import { parseArgs } from 'node:util';
import { loadRegistry } from '../registry/load-registry.ts';
import { requestBaselineAccept } from '../defacement/baseline-requests.ts';
import { resolveDataLocation } from '../store/data-location.ts';

const USAGE = `usage: npm run baseline -- accept <id> [<id> …] [--data DIR]
  accept   the next observation of each site becomes its new baseline (after a legitimate redesign,
           or when a responder confirms a false positive)`;

class UsageError extends Error {}

// Thin entry point: parse once, act, set the exit code.
try {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { data: { type: 'string' } },
  });
  const [command, ...ids] = positionals;
  if (command !== 'accept' || ids.length === 0)
    throw new UsageError(command === undefined ? 'a command is missing' : `unknown command "${command}"`);
  const location = resolveDataLocation({ data: values.data, env: process.env });
  const dataDir = location.resultsDir;
  // Private addresses are allowed here: this only names sites, it fetches nothing.
  const registry = await loadRegistry(location.registryDir, { allowPrivate: true });
  const known = new Set(registry.sites.map((s) => s.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new Error(
      `no valid site with id ${unknown.map((id) => `"${id}"`).join(', ')} in ${location.registryDir}/sites`,
    );
  for (const id of ids) {
    const file = await requestBaselineAccept(
      dataDir,
      id,
      new Date(),
      process.env.GITHUB_ACTOR ?? process.env.USER ?? 'cli',
    );
    console.log(`${id}: the next observation becomes the baseline (${file})`);
  }
  if (location.repoDir) {
    // On GitHub the request reaches the checks once it is on the results branch; a responder can also
    // label the incident issue false-positive + accept-baseline instead.
    console.log(
      `commit and push it on the results branch: git -C ${location.resultsDir} add baselines && git -C ${location.resultsDir} commit -m "Accept baseline" && git -C ${location.resultsDir} push origin HEAD`,
    );
  }
} catch (error) {
  console.error(`canhgac baseline: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
    console.error(USAGE);
  process.exitCode = 1;
}
