import { parseArgs } from 'node:util';
import { createLocalBackend } from '../incidents/local-backend.ts';
import { runLocalCommand, UsageError } from '../incidents/local-commands.ts';
import { resolveDataLocation } from '../store/data-location.ts';

const USAGE = `usage: npm run incident -- <command> [--data DIR]   (the local backend; on GitHub, use the issue page)
  list [open|closed|all]          incidents kept under DIR/incidents/local
  label <n> +name -name …         add or remove labels: acknowledged, false-positive, accept-baseline, maintenance
  close <n> | reopen <n>          close or reopen an issue as a responder would`;

// Thin entry point: parse once, act, set the exit code.
try {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { data: { type: 'string' } },
  });
  const [command, ...rest] = positionals;
  if (command === undefined) throw new UsageError('a command is missing');
  const dataDir = resolveDataLocation({ data: values.data, env: process.env }).resultsDir;
  for (const line of await runLocalCommand(createLocalBackend(dataDir), command, rest)) console.log(line);
} catch (error) {
  console.error(`canhgac incident: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
    console.error(USAGE);
  process.exitCode = 1;
}
