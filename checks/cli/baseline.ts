import { parseArgs } from 'node:util';
import { loadRegistry } from '../registry/load-registry.ts';
import { requestBaselineAccept } from '../defacement/baseline-requests.ts';

const USAGE = `usage: npm run baseline -- accept <id> [<id> …] [--data DIR]
  accept   the next observation of each site becomes its new baseline (after a legitimate redesign,
           or when a responder confirms a false positive)`;

class UsageError extends Error {}

// Thin entry point: parse once, act, set the exit code.
try {
  const { values, positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { data: { type: 'string' } } });
  const [command, ...ids] = positionals;
  if (command !== 'accept' || ids.length === 0) throw new UsageError(command === undefined ? 'a command is missing' : `unknown command "${command}"`);
  const dataDir = values.data ?? process.env.CANHGAC_DATA ?? 'data';
  // Private addresses are allowed here: this only names sites, it fetches nothing.
  const registry = await loadRegistry(dataDir, { allowPrivate: true });
  const known = new Set(registry.sites.map((s) => s.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new Error(`no valid site with id ${unknown.map((id) => `"${id}"`).join(', ')} in ${dataDir}/sites`);
  for (const id of ids) {
    const file = await requestBaselineAccept(dataDir, id, new Date(), process.env.GITHUB_ACTOR ?? process.env.USER ?? 'cli');
    console.log(`${id}: the next observation becomes the baseline (${file})`);
  }
} catch (error) {
  console.error(`canhgac baseline: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) console.error(USAGE);
  process.exitCode = 1;
}
