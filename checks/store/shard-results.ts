import type { Stats } from 'node:fs';
import { lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { BaselineFileSchema } from '../schemas/baseline.ts';
import { RunFileSchema, type RunFile } from '../schemas/run.ts';
import { StatusFileSchema, type StatusFile } from '../schemas/status.ts';
import { inShard, type Shard } from '../run/shard.ts';
import { toJson } from './atomic-write.ts';
import { describeIssues } from '../schemas/describe-issues.ts';

/**
 * A check shard's results, handed to the publish job as an artifact: `manifest.json` (written last,
 * so a shard that died mid-way has none and is reported missing) and the files under their paths in
 * the results layout. The check job parses hostile pages and holds no write token; the publish job
 * that reads this holds one, so it trusts nothing here: every path, site id and file is checked.
 */
export const ShardManifestSchema = z.strictObject({
  version: z.literal(1),
  shard: z.strictObject({ index: z.number().int().min(1), count: z.number().int().min(1) }),
  run: RunFileSchema,
  /** Files (relative, `/`-separated) in the export, besides the manifest. */
  files: z.array(z.string()).max(200_000),
  /** Files the shard removed (consumed baseline accept requests). */
  deleted: z.array(z.string()).max(200_000),
});
export type ShardManifest = z.output<typeof ShardManifestSchema>;

const MANIFEST = 'manifest.json';
/** Screenshots are WebP and at most a few hundred KB; anything bigger or of another kind is refused. */
const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
const ID = '[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?';
const ALLOWED = [
  { kind: 'status', pattern: new RegExp(`^status/(${ID})\\.json$`) },
  { kind: 'baseline', pattern: new RegExp(`^baselines/(${ID})\\.json$`) },
  { kind: 'image', pattern: new RegExp(`^baselines/(${ID})\\.webp$`) },
  { kind: 'image', pattern: new RegExp(`^evidence/(${ID})/[a-z]+-[0-9TZ-]+\\.webp$`) },
] as const;
const DELETABLE = new RegExp(`^baselines/(${ID})\\.accept$`);

export interface ShardExport {
  readonly shard: Shard;
  readonly run: RunFile;
  readonly statuses: readonly StatusFile[];
  /** Absolute paths under `resultsDir` the checks wrote, or null for a file they removed. */
  readonly files: readonly { readonly file: string; readonly removed: boolean }[];
}

/** Writes a shard's results to `dir` for the publish job. */
export async function exportShard(dir: string, resultsDir: string, shardExport: ShardExport): Promise<ShardManifest> {
  await mkdir(path.join(dir, 'status'), { recursive: true });
  const files: string[] = [];
  const deleted: string[] = [];
  for (const status of shardExport.statuses) {
    const relative = `status/${status.id}.json`;
    await writeFile(path.join(dir, relative), toJson(status));
    files.push(relative);
  }
  for (const { file, removed } of shardExport.files) {
    const relative = path.relative(resultsDir, file).split(path.sep).join('/');
    if (removed) {
      deleted.push(relative);
      continue;
    }
    const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (bytes === null) continue;
    await mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
    await writeFile(path.join(dir, relative), bytes);
    files.push(relative);
  }
  const manifest: ShardManifest = { version: 1, shard: { ...shardExport.shard }, run: shardExport.run, files, deleted };
  await writeFile(path.join(dir, MANIFEST), toJson(manifest));
  return manifest;
}

export interface ImportedShards {
  readonly statuses: StatusFile[];
  /** Absolute paths under the results dir → contents (null: delete). */
  readonly carried: Map<string, Buffer | null>;
  readonly runs: RunFile[];
  /** Shards found, as "K/N". */
  readonly present: string[];
  /** What was refused, each naming the shard and the file. */
  readonly problems: string[];
}

/**
 * Reads every shard export under `shardsDir` (one folder each, any names), checking each file against
 * the layout, its site against the registry and the shard it claims, and its content against the
 * writer's schema. What fails is refused with a problem naming it; the rest is imported.
 */
export async function importShards(
  shardsDir: string,
  resultsDir: string,
  registered: ReadonlySet<string>,
  expectedCount: number | null,
): Promise<ImportedShards> {
  const imported: ImportedShards = { statuses: [], carried: new Map(), runs: [], present: [], problems: [] };
  let folders: string[];
  try {
    folders = (await readdir(shardsDir, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return imported;
    throw error;
  }
  const seen = new Set<string>();
  for (const folder of folders) {
    const dir = path.join(shardsDir, folder);
    const manifest = await readManifest(dir);
    if (typeof manifest === 'string') {
      imported.problems.push(`${folder}: ${manifest}`);
      continue;
    }
    const shard = manifest.shard;
    const name = `${shard.index}/${shard.count}`;
    if (shard.index > shard.count || (expectedCount !== null && shard.count !== expectedCount)) {
      imported.problems.push(
        `${folder}: shard ${name} is not one of this tick's ${expectedCount ?? '?'} shards; ignored`,
      );
      continue;
    }
    if (seen.has(name)) {
      imported.problems.push(`${folder}: shard ${name} reported twice; the second copy is ignored`);
      continue;
    }
    seen.add(name);
    imported.present.push(name);
    if (manifest.run.shard.index !== shard.index || manifest.run.shard.count !== shard.count) {
      imported.problems.push(
        `${folder}: its run file names shard ${manifest.run.shard.index}/${manifest.run.shard.count}; ignored`,
      );
    } else imported.runs.push(manifest.run);
    const owns = (id: string) => registered.has(id) && inShard(id, shard);
    for (const relative of manifest.files) {
      const refusal = await importFile(dir, relative, resultsDir, owns, imported);
      if (refusal) imported.problems.push(`${folder}/${relative}: ${refusal}`);
    }
    for (const relative of manifest.deleted) {
      const id = DELETABLE.exec(relative)?.[1];
      if (id === undefined || !owns(id)) imported.problems.push(`${folder}: may not delete ${relative}`);
      else imported.carried.set(path.join(resultsDir, ...relative.split('/')), null);
    }
  }
  return imported;
}

async function readManifest(dir: string): Promise<ShardManifest | string> {
  let text: string;
  try {
    text = await readFile(path.join(dir, MANIFEST), 'utf8');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') return 'no manifest.json (the shard did not finish); its sites keep their previous results';
    return `manifest.json could not be read (${code ?? message}); its sites keep their previous results`;
  }
  try {
    const parsed = ShardManifestSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    return `manifest.json: ${describeIssues(parsed.error.issues)}`;
  } catch (error) {
    return `manifest.json is not JSON: ${(error as Error).message}`;
  }
}

async function importFile(
  dir: string,
  relative: string,
  resultsDir: string,
  owns: (id: string) => boolean,
  into: ImportedShards,
): Promise<string | null> {
  const rule = ALLOWED.find((r) => r.pattern.test(relative));
  if (!rule) return 'not a file a check writes; refused';
  const id = rule.pattern.exec(relative)![1]!;
  if (!owns(id)) return `site "${id}" is not registered in this shard; refused`;
  const source = path.join(dir, ...relative.split('/'));
  let info: Stats;
  try {
    info = await lstat(source);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    return code === 'ENOENT' ? 'missing; refused' : `could not be read (${code ?? message}); refused`;
  }
  if (!info.isFile()) return 'not a regular file; refused';
  if (info.size > MAX_IMAGE_BYTES) return `${info.size} bytes, more than a check writes; refused`;
  const bytes = await readFile(source);
  const target = path.join(resultsDir, ...relative.split('/'));
  if (rule.kind === 'image') {
    if (!(bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP'))
      return 'not a WebP image; refused';
    into.carried.set(target, bytes);
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return `not JSON (${(error as Error).message}); refused`;
  }
  const schema = rule.kind === 'status' ? StatusFileSchema : BaselineFileSchema;
  const parsed = schema.safeParse(json);
  if (!parsed.success) return `${describeIssues(parsed.error.issues)}; refused`;
  if (rule.kind === 'status') {
    const status = parsed.data as StatusFile;
    if (status.id !== id) return `its id is "${status.id}"; refused`;
    into.statuses.push(status);
  } else into.carried.set(target, Buffer.from(toJson(parsed.data)));
  return null;
}
