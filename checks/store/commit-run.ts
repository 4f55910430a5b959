import { access } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import type { SquashPolicy } from './run-period.ts';

export type CommitOutcome =
  | { readonly kind: 'skipped'; readonly why: string }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'committed' | 'amended'; readonly sha: string; readonly runs: number };

export interface CommitRequest {
  /** The directories the run wrote (status, history, runs); only these are committed. */
  readonly paths: readonly string[];
  /** The run's period (see run-period.ts); a HEAD run commit of the same period is amended. */
  readonly period: string;
  readonly policy: SquashPolicy;
  /** First line of the message, e.g. "Canh Gác: 998 up, 1 degraded, 1 down". */
  readonly subject: string;
}

const PERIOD_TRAILER = 'Canhgac-Period';
const RUNS_TRAILER = 'Canhgac-Runs';
const BOT = { name: 'Canh Gác', email: 'canhgac@users.noreply.github.com' };

/**
 * Commits what a run wrote. When HEAD is this period's run commit, amends it instead, so git history
 * keeps one data commit per period: that, not compression, is what keeps 1,000 sites × 288 runs a day
 * inside the repository-growth budget. Never touches other paths, never amends a commit it did not make.
 */
export async function commitRun(request: CommitRequest): Promise<CommitOutcome> {
  const existing = await existingPaths(request.paths);
  if (existing.length === 0) return { kind: 'skipped', why: 'the run wrote nothing' };
  const git = simpleGit(path.dirname(existing[0]!));
  let top: string;
  try {
    top = (await git.revparse(['--show-toplevel'])).trim();
  } catch {
    return { kind: 'skipped', why: `${path.dirname(existing[0]!)} is not inside a git repository` };
  }
  const repo = simpleGit(top);
  // A run killed mid-write can leave a temp file beside its target (see atomic-write.ts): never commit those.
  const pathspecs = [...existing.map((p) => path.relative(top, path.resolve(p)) || '.'), ':(exclude,glob)**/.*.tmp'];
  await repo.raw(['add', '--all', '--', ...pathspecs]);
  const staged = await repo.raw(['diff', '--cached', '--name-only', '--', ...pathspecs]);
  if (staged.trim() === '') return { kind: 'unchanged' };

  const head = await headMessage(repo);
  const amend = request.policy !== 'none' && head !== null && trailer(head, PERIOD_TRAILER) === request.period;
  const runs = amend ? Number(trailer(head!, RUNS_TRAILER) ?? '1') + 1 : 1;
  const message = `${request.subject}\n\n${PERIOD_TRAILER}: ${request.period}\n${RUNS_TRAILER}: ${runs}\n`;
  const identity = (await repo.raw(['config', 'user.email']).catch(() => '')).trim() ? [] : ['-c', `user.name=${BOT.name}`, '-c', `user.email=${BOT.email}`];
  await repo.raw([...identity, 'commit', '--quiet', '--no-verify', ...(amend ? ['--amend'] : []), '-m', message, '--', ...pathspecs]);
  const sha = (await repo.revparse(['HEAD'])).trim();
  return { kind: amend ? 'amended' : 'committed', sha, runs };
}

async function headMessage(repo: ReturnType<typeof simpleGit>): Promise<string | null> {
  try {
    return await repo.raw(['log', '-1', '--format=%B']);
  } catch {
    return null; // no commits yet
  }
}

function trailer(message: string, key: string): string | null {
  const match = new RegExp(`^${key}: (.+)$`, 'm').exec(message);
  return match?.[1]?.trim() ?? null;
}

async function existingPaths(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const p of paths) {
    try {
      await access(p);
      found.push(p);
    } catch {
      // a directory this run did not create
    }
  }
  return found;
}
