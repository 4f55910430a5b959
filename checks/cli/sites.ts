import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sitesToCsv } from '../registry/export-sites.ts';
import { planImport } from '../registry/import-sites.ts';
import { loadRegistry } from '../registry/load-registry.ts';
import { readSiteTable, type RowProblem } from '../registry/site-table.ts';

const SITES_USAGE = `usage: npm run sites -- import FILE.csv [--data DIR] [--allow-private]
       npm run sites -- export [FILE.csv] [--with-contacts] [--semicolon] [--data DIR]

import  one data/sites/<id>.yml per row of a spreadsheet saved as CSV (UTF-8, comma or semicolon);
        columns name,url,agency,group required; name_en,responders,tags,contacts optional.
export  the registry in the same form (to standard output without FILE); contacts only with
        --with-contacts (they are internal: never publish that file).`;

export type SitesArgs =
  | { readonly command: 'import'; readonly file: string; readonly dataDir: string; readonly allowPrivate: boolean }
  | {
      readonly command: 'export';
      readonly file: string | null;
      readonly dataDir: string;
      readonly withContacts: boolean;
      readonly delimiter: ',' | ';';
    }
  | { readonly command: 'help' };

export function parseSitesArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): { ok: true; args: SitesArgs } | { ok: false; message: string } {
  let parsed: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      args: [...argv],
      options: {
        data: { type: 'string' },
        'allow-private': { type: 'boolean', default: false },
        'with-contacts': { type: 'boolean', default: false },
        semicolon: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  }
  try {
    parsed = parse();
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return { ok: true, args: { command: 'help' } };
  const [command, file, ...extra] = positionals;
  if (extra.length > 0) return { ok: false, message: `unexpected argument ${extra[0]}` };
  const dataDir = values.data ?? env.CANHGAC_DATA ?? 'data';
  if (dataDir === '') return { ok: false, message: '--data needs a directory' };
  if (command === 'import') {
    if (!file) return { ok: false, message: 'import needs the CSV file to read' };
    if (values['with-contacts'] || values.semicolon)
      return { ok: false, message: '--with-contacts and --semicolon are options of export' };
    return { ok: true, args: { command, file, dataDir, allowPrivate: values['allow-private'] } };
  }
  if (command === 'export') {
    if (values['allow-private']) return { ok: false, message: '--allow-private is an option of import' };
    return {
      ok: true,
      args: {
        command,
        file: file ?? null,
        dataDir,
        withContacts: values['with-contacts'],
        delimiter: values.semicolon ? ';' : ',',
      },
    };
  }
  return { ok: false, message: `unknown command ${JSON.stringify(command)}: import or export` };
}

/** Where output goes: the CLI prints, tests collect. */
export interface SitesOutput {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const consoleOutput: SitesOutput = { out: (line) => console.log(line), err: (line) => console.error(line) };

/**
 * Imports the table: every accepted row is written even when others are rejected, a file that exists
 * is never written over, and the exit code is 1 when any row was rejected (2 when nothing could be
 * read), so a script importing thousands of portals knows to look.
 */
export async function runImport(
  args: Extract<SitesArgs, { command: 'import' }>,
  output: SitesOutput = consoleOutput,
): Promise<number> {
  let text: string;
  try {
    text = await readFile(args.file, 'utf8');
  } catch (error) {
    output.err(`sites import: cannot read ${args.file}: ${(error as Error).message}`);
    return 2;
  }
  const table = readSiteTable(text);
  const registry = await loadRegistry(args.dataDir, { allowPrivate: args.allowPrivate });
  const fatal = registry.problems.find((p) => p.severity === 'error' && p.file === args.dataDir);
  if (fatal) {
    output.err(`sites import: ${fatal.file}: ${fatal.message}`);
    return 2;
  }
  for (const problem of table.problems) output.err(formatRowProblem(args.file, problem));
  if (table.unusable) {
    output.err(`sites import: ${args.file}: nothing imported`);
    return 2;
  }
  const sitesDir = path.join(args.dataDir, 'sites');
  const plan = planImport(
    table.rows,
    { ids: new Set(registry.siteIds), sites: registry.sites, groups: Object.keys(registry.config.groups) },
    { source: path.basename(args.file), sitesDir, allowPrivate: args.allowPrivate },
  );
  await mkdir(sitesDir, { recursive: true });
  let written = 0;
  const failedWrites: RowProblem[] = [];
  for (const row of plan.rows) {
    if (row.status !== 'new') continue;
    try {
      await writeFile(row.file, row.content, { flag: 'wx' }); // never over a file that appeared meanwhile
      written += 1;
      output.out(`row ${row.row}  ${row.id}  new  ${row.file}`);
    } catch (error) {
      failedWrites.push({
        severity: 'error',
        row: row.row,
        message: `cannot write ${row.file}: ${(error as Error).message}`,
      });
    }
  }
  const unchanged = plan.rows.filter((row) => row.status === 'unchanged').length;
  const rowProblems = [...plan.problems, ...failedWrites];
  for (const problem of rowProblems) output.err(formatRowProblem(args.file, problem));
  // Rows the table could not read count as rows, and as rejected.
  const unreadable = table.problems.filter((p) => p.row > 1);
  const rejectedRows = new Set([...rowProblems, ...unreadable].filter((p) => p.severity === 'error').map((p) => p.row));
  output.out(summaryLine(table.rows.length + unreadable.length, written, unchanged, rejectedRows.size));
  return rejectedRows.size > 0 ? 1 : 0;
}

export async function runExport(
  args: Extract<SitesArgs, { command: 'export' }>,
  output: SitesOutput = consoleOutput,
): Promise<number> {
  const registry = await loadRegistry(args.dataDir, { allowPrivate: true });
  const broken = new Set(registry.problems.filter((p) => p.severity === 'error').map((p) => p.file));
  if (registry.sites.length === 0 && broken.size > 0) {
    for (const file of broken) output.err(`sites export: ${file}: not exported (npm run validate says why)`);
    return 2;
  }
  const csv = sitesToCsv(registry.sites, { withContacts: args.withContacts, delimiter: args.delimiter });
  for (const file of broken) output.err(`sites export: ${file}: not exported, it has errors (npm run validate)`);
  if (args.file === null) {
    process.stdout.write(csv);
  } else {
    // A BOM, so that Excel opens the file as UTF-8 (Vietnamese names intact).
    await writeFile(args.file, `\ufeff${csv}`);
    output.err(
      `sites export: ${registry.sites.length} sites written to ${args.file}${args.withContacts ? ' (with contacts: internal, do not publish)' : ''}`,
    );
  }
  return broken.size > 0 ? 1 : 0;
}

function formatRowProblem(file: string, problem: RowProblem): string {
  const where = problem.row === 0 ? file : `${file}: row ${problem.row}`;
  const column = problem.column ? `, column ${problem.column}` : '';
  return `${problem.severity}  ${where}${column}: ${problem.message}`;
}

function summaryLine(rows: number, written: number, unchanged: number, rejected: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(rows, 'row')}: ${written} written, ${unchanged} unchanged, ${rejected} rejected`;
}

if (import.meta.main) {
  const parsed = parseSitesArgs(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    console.error(`sites: ${parsed.message}\n${SITES_USAGE}`);
    process.exitCode = 2;
  } else if (parsed.args.command === 'help') console.log(SITES_USAGE);
  else if (parsed.args.command === 'import') process.exitCode = await runImport(parsed.args);
  else process.exitCode = await runExport(parsed.args);
}
