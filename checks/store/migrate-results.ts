import { cp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import { BOT } from './commit-run.ts';
import { openResultsWorktree } from './results-branch.ts';

/** What runs write; before the results branch, they sat in `data/` on main. */
export const RESULT_FOLDERS = ['status', 'history', 'incidents', 'baselines', 'evidence', 'runs', 'monitor'] as const;

export interface MigrateRequest {
  /** The clone of main. */
  readonly repoDir: string;
  /** `data/` in it. */
  readonly registryDir: string;
  /** `data/results`: the results branch's worktree. */
  readonly worktree: string;
  readonly branch: string;
  readonly remote: string;
  readonly push: boolean;
}

export type MigrateOutcome =
  | { readonly kind: 'nothing'; readonly why: string }
  | {
      readonly kind: 'moved';
      readonly folders: readonly string[];
      readonly files: number;
      readonly resultsCommit: string;
      readonly mainCommit: string;
      readonly pushed: boolean;
    };

/**
 * Moves the results of a deployment that kept them on main (`data/status`, `data/history`, …) to the
 * results branch: copied there byte for byte (history, incidents and baselines kept) and committed,
 * then removed from main in one ordinary commit. Nothing is rewritten: main's old commits, with the
 * results as they were, stay in its history. Refuses to run on a dirty main or over a results branch
 * that already holds results.
 */
export async function migrateResults(request: MigrateRequest): Promise<MigrateOutcome> {
  const main = simpleGit(request.repoDir);
  const present: string[] = [];
  for (const folder of RESULT_FOLDERS) {
    const tracked = (
      await main.raw(['ls-files', '--', path.join(path.relative(request.repoDir, request.registryDir), folder)])
    ).trim();
    if (tracked) present.push(folder);
  }
  if (present.length === 0)
    return {
      kind: 'nothing',
      why: `no results on main under ${path.relative(request.repoDir, request.registryDir) || '.'}/ (${RESULT_FOLDERS.join(', ')})`,
    };
  const dirty = (await main.raw(['status', '--porcelain', '--untracked-files=no'])).trim();
  if (dirty) throw new Error(`main has uncommitted changes; commit or stash them first:\n${dirty}`);

  await openResultsWorktree({
    repoDir: request.repoDir,
    worktree: request.worktree,
    branch: request.branch,
    remote: request.remote,
    update: true,
  });
  const results = simpleGit(request.worktree);
  const existing = (await results.raw(['ls-files'])).trim();
  if (existing)
    throw new Error(
      `the results branch "${request.branch}" already holds results; nothing was moved (compare them with data/ on main by hand)`,
    );

  let files = 0;
  for (const folder of present) {
    await cp(path.join(request.registryDir, folder), path.join(request.worktree, folder), { recursive: true });
    files += await countFiles(path.join(request.worktree, folder));
  }
  const source = (await main.revparse(['HEAD'])).trim();
  // An unset key exits 1 silently and resolves ""; a rejection is a real git failure, thrown.
  const identity = (await main.raw(['config', 'user.email'])).trim()
    ? []
    : ['-c', `user.name=${BOT.name}`, '-c', `user.email=${BOT.email}`];
  await results.raw(['add', '--all', '--', ...present]);
  await results.raw([
    ...identity,
    'commit',
    '--quiet',
    '--no-verify',
    '-m',
    `Canh Gác: results moved here from main\n\nFrom main at ${source}: ${present.join(', ')}.`,
  ]);
  const resultsCommit = (await results.revparse(['HEAD'])).trim();

  const relative = present.map((folder) => path.join(path.relative(request.repoDir, request.registryDir), folder));
  await main.raw(['rm', '-r', '--quiet', '--', ...relative]);
  for (const folder of present) await rm(path.join(request.registryDir, folder), { recursive: true, force: true });
  await main.raw([
    ...identity,
    'commit',
    '--quiet',
    '-m',
    `Move run results to the results branch ${request.branch}\n\n${present.join(', ')} now live at the root of ${request.branch} (commit ${resultsCommit.slice(0, 12)}); runs no longer commit to main.`,
  ]);
  const mainCommit = (await main.revparse(['HEAD'])).trim();

  if (request.push) {
    await results.raw(['push', '--quiet', request.remote, `HEAD:refs/heads/${request.branch}`]);
    const branch = (await main.raw(['rev-parse', '--abbrev-ref', 'HEAD'])).trim();
    await main.raw(['push', '--quiet', request.remote, `HEAD:refs/heads/${branch}`]);
  }
  return { kind: 'moved', folders: present, files, resultsCommit, mainCommit, pushed: request.push };
}

async function countFiles(dir: string): Promise<number> {
  let count = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) count++;
  return count;
}
