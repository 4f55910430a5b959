import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { mapPool } from '../run/pool.ts';
import path from 'node:path';
import { defaultConfig, type Config } from '../schemas/config.ts';
import type { Site } from '../schemas/site.ts';
import { findDuplicates, type SiteEntry } from './find-duplicates.ts';
import { byPosition, type Problem } from './problem.ts';
import { SITE_FILE_EXTENSION, siteIdFromFileName } from './site-id.ts';
import { validateConfigFile } from './validate-config.ts';
import { validateSiteFile } from './validate-site.ts';

export type { Problem, Severity } from './problem.ts';

export interface RegistryOptions {
  /** See `UrlPolicyOptions.allowPrivate`: for test setups and the demo only. */
  readonly allowPrivate: boolean;
}

export interface RegistryResult {
  /** The deployment's config; the defaults when config.yml is absent or invalid, so checks still run. */
  readonly config: Config;
  /** The config file that was read, `null` when there is none. */
  readonly configFile: string | null;
  /** Sites with no errors, in file name order. A site with an error is left out; its problems say why. */
  readonly sites: Site[];
  /** Every problem found, config.yml first, then site files in name order, each top to bottom. */
  readonly problems: Problem[];
  /** Every YAML file that was read, for the summary ("… in 14 files"). */
  readonly files: string[];
  /** The id of every site file, valid or not, in name order: a new site must not take one (import, issue form). */
  readonly siteIds: string[];
}

/**
 * Reads the site registry: `DIR/config.yml` and every `DIR/sites/*.yml` (or `.yaml`). Never throws
 * for bad data: every problem in every file is collected, so one `npm run validate` lists them all.
 * File names in problems are `DIR` joined with the file's name, as `DIR` was given.
 */
export async function loadRegistry(dataDir: string, options: RegistryOptions): Promise<RegistryResult> {
  const problems: Problem[] = [];
  const files: string[] = [];
  let config = defaultConfig();
  let configFile: string | null = null;

  const dataDirProblem = await checkDirectory(dataDir);
  if (dataDirProblem) return { config, configFile, sites: [], problems: [dataDirProblem], files, siteIds: [] };

  const configPath = path.join(dataDir, 'config.yml');
  const configRead = await readText(configPath);
  if ('problem' in configRead) problems.push(configRead.problem);
  if ('text' in configRead) {
    configFile = configPath;
    files.push(configPath);
    const checked = validateConfigFile(configPath, configRead.text);
    problems.push(...checked.problems);
    if (checked.config) config = checked.config;
  }

  const sitesDir = path.join(dataDir, 'sites');
  const groups = Object.keys(config.groups);
  const checked: { file: string; entry?: SiteEntry; site?: Site; problems: Problem[] }[] = [];
  const candidates: { file: string; id: string; index: number }[] = [];
  for (const dirent of await listSites(sitesDir, problems)) {
    const file = path.join(sitesDir, dirent.name);
    if (dirent.name.startsWith('.')) continue; // .gitkeep, .DS_Store: never meant as data
    if (!dirent.isFile() || !SITE_FILE_EXTENSION.test(dirent.name)) {
      checked.push({ file, problems: [{ severity: 'warning', file, message: 'ignored: not a .yml file' }] });
      continue;
    }
    files.push(file);
    candidates.push({ file, id: siteIdFromFileName(dirent.name), index: checked.length });
    checked.push({ file, problems: [] }); // filled in below, keeping name order
  }
  // Read ahead concurrently (one file at a time cost 4.5 s for 10,000 files), validate in name order.
  const texts = await mapPool(candidates, 32, ({ file }) => readText(file));
  candidates.forEach(({ file, id, index }, i) => {
    const read = texts[i]!;
    if (!('text' in read)) {
      checked[index] = { file, entry: { file, id }, problems: ['problem' in read ? read.problem : vanished(file)] };
      return;
    }
    const result = validateSiteFile({ file, id, source: read.text, groups, allowPrivate: options.allowPrivate });
    const entry = { file, id, ...(result.url ? { url: result.url } : {}) };
    checked[index] = { file, entry, ...(result.site ? { site: result.site } : {}), problems: [...result.problems] };
  });

  const duplicates = findDuplicates(checked.flatMap((item) => (item.entry ? [item.entry] : [])));
  const sites: Site[] = [];
  for (const item of checked) {
    item.problems.push(...duplicates.filter((p) => p.file === item.file));
    item.problems.sort(byPosition);
    problems.push(...item.problems);
    if (item.site && !item.problems.some((p) => p.severity === 'error')) sites.push(item.site);
  }
  return { config, configFile, sites, problems, files, siteIds: candidates.map((c) => c.id) };
}

async function checkDirectory(dir: string): Promise<Problem | undefined> {
  try {
    if ((await stat(dir)).isDirectory()) return undefined;
    return { severity: 'error', file: dir, message: 'not a directory' };
  } catch (error) {
    const message = isCode(error, 'ENOENT') ? 'data directory not found' : `cannot read: ${(error as Error).message}`;
    return { severity: 'error', file: dir, message };
  }
}

/** Directory entries sorted by name (code point order, so the result does not depend on the locale). */
async function listSites(dir: string, problems: Problem[]): Promise<Dirent[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    if (isCode(error, 'ENOENT')) {
      problems.push({ severity: 'warning', file: dir, message: 'no sites directory: there is nothing to monitor' });
    } else {
      problems.push({
        severity: 'error',
        file: dir,
        message: `cannot read the directory: ${(error as Error).message}`,
      });
    }
    return [];
  }
}

type ReadResult = { readonly text: string } | { readonly missing: true } | { readonly problem: Problem };

async function readText(file: string): Promise<ReadResult> {
  try {
    return { text: await readFile(file, 'utf8') };
  } catch (error) {
    if (isCode(error, 'ENOENT')) return { missing: true };
    return { problem: { severity: 'error', file, message: `cannot read the file: ${(error as Error).message}` } };
  }
}

/** A file listed a moment ago and gone now: someone is editing the directory while we read it. */
function vanished(file: string): Problem {
  return { severity: 'error', file, message: 'the file disappeared while it was being read' };
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
