import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import type { SquashPolicy } from './run-period.ts';

export type CommitOutcome =
  | { readonly kind: 'skipped'; readonly why: string }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'committed' | 'amended'; readonly sha: string; readonly runs: number };

export interface CommitRequest {
  /**
   * The files this run wrote (its sites' status and history, its shard's run file); only these are
   * staged, so parallel shards never commit each other's stale copies.
   */
  readonly files: readonly string[];
  /** The run's period (see run-period.ts); a HEAD run commit of the same period is amended. */
  readonly period: string;
  readonly policy: SquashPolicy;
  /** First line of the message, e.g. "Canh Gác: 998 up, 1 degraded, 1 down". */
  readonly subject: string;
}

const PERIOD_TRAILER = 'Canhgac-Period';
const RUNS_TRAILER = 'Canhgac-Runs';
/** Who run commits are by when git has no identity configured (a fresh runner). */
export const BOT = { name: 'Canh Gác', email: 'canhgac@users.noreply.github.com' };

/**
 * Commits what a run wrote. When HEAD is this period's run commit, amends it instead, so git history
 * keeps one data commit per period: that, not compression, is what keeps 1,000 sites × 288 runs a day
 * inside the repository-growth budget. Never touches other paths, never amends a commit it did not make.
 */
export async function commitRun(request: CommitRequest): Promise<CommitOutcome> {
  const { present, absent } = await partitionFiles(request.files);
  if (present.length === 0) return { kind: 'skipped', why: 'the run wrote nothing' };
  const root = await repositoryRoot(path.dirname(present[0]!));
  if ('problem' in root)
    return {
      kind: 'skipped',
      why: `${path.dirname(path.dirname(present[0]!))} is not inside a git repository (${root.problem})`,
    };
  const top = root.top;
  const repo = simpleGit(top);
  const relative = (files: readonly string[]) => files.map((file) => path.relative(top, path.resolve(file)));
  const presentPaths = relative(present);
  const absentPaths = relative(absent);

  // Thousands of paths would overflow a command line: hand them to git in files.
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'canhgac-pathspec-'));
  const pathspec = async (name: string, paths: readonly string[]) => {
    const file = path.join(scratch, name);
    await writeFile(file, paths.map((p) => `:(literal)${p}`).join('\n'));
    return `--pathspec-from-file=${file}`;
  };
  try {
    await repo.raw(['add', '--all', await pathspec('present', presentPaths)]);
    // Files the run removed (a consumed baseline request) leave the index too, when they were tracked.
    if (absentPaths.length > 0)
      await repo.raw(['rm', '--cached', '--quiet', '--ignore-unmatch', await pathspec('removed', absentPaths)]);
    const ours = new Set([...presentPaths, ...absentPaths].map((p) => p.split(path.sep).join('/')));
    const staged = (await repo.raw(['diff', '--cached', '--name-only', '--no-renames']))
      .split('\n')
      .filter((p) => ours.has(p));
    if (staged.length === 0) return { kind: 'unchanged' };
    const stagedSpec = await pathspec('staged', staged);

    const head = await headMessage(repo);
    const amend = request.policy !== 'none' && head !== null && trailer(head, PERIOD_TRAILER) === request.period;
    const runs = amend ? Number(trailer(head!, RUNS_TRAILER) ?? '1') + 1 : 1;
    const message = `${request.subject}\n\n${PERIOD_TRAILER}: ${request.period}\n${RUNS_TRAILER}: ${runs}\n`;
    // An unset key exits 1 silently and resolves ""; a rejection is a real git failure, thrown.
    const identity = (await repo.raw(['config', 'user.email'])).trim()
      ? []
      : ['-c', `user.name=${BOT.name}`, '-c', `user.email=${BOT.email}`];
    await repo.raw([
      ...identity,
      'commit',
      '--quiet',
      '--no-verify',
      ...(amend ? ['--amend'] : []),
      '-m',
      message,
      stagedSpec,
    ]);
    const sha = (await repo.revparse(['HEAD'])).trim();
    return { kind: amend ? 'amended' : 'committed', sha, runs };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The repository `dir` is in, or git's reason there is none usable (not a repository, dubious ownership, …). */
export async function repositoryRoot(dir: string): Promise<{ top: string } | { problem: string }> {
  try {
    return { top: (await simpleGit(dir).revparse(['--show-toplevel'])).trim() };
  } catch (error) {
    // Whatever failed, there is no repository to commit to; the skip carries git's own words, so a
    // "dubious ownership" refusal is not reported as a missing repository.
    return { problem: (error as Error).message.trim().split('\n')[0]! };
  }
}

async function headMessage(repo: SimpleGit): Promise<string | null> {
  // No commits yet: `rev-parse --verify --quiet` exits 1 silently and resolves "". Anything failing
  // with a message (a corrupt repository) is thrown rather than taken for a branch without commits.
  if ((await repo.raw(['rev-parse', '--verify', '--quiet', 'HEAD'])).trim() === '') return null;
  return repo.raw(['log', '-1', '--format=%B']);
}

function trailer(message: string, key: string): string | null {
  const match = new RegExp(`^${key}: (.+)$`, 'm').exec(message);
  return match?.[1]?.trim() ?? null;
}

async function partitionFiles(files: readonly string[]): Promise<{ present: string[]; absent: string[] }> {
  const present: string[] = [];
  const absent: string[] = [];
  for (const file of files) {
    try {
      await access(file);
      present.push(file);
    } catch (error) {
      // Only a missing file is one to commit as removed: an unreadable one is not a deletion.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      absent.push(file);
    }
  }
  return { present, absent };
}
