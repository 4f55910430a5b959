import { simpleGit } from 'simple-git';
import type { CommitOutcome } from './commit-run.ts';

export type PushOutcome =
  | { readonly kind: 'pushed'; readonly attempts: number; readonly sha: string }
  | { readonly kind: 'failed'; readonly attempts: number; readonly error: string };

export interface PushRequest {
  /** The results worktree. */
  readonly repoDir: string;
  readonly remote: string;
  readonly branch: string;
  /**
   * Called after the worktree was reset to the remote's newer head: writes this run's results again on
   * top of it (statuses folded into the histories found there, the run's other files restored) and
   * commits them.
   */
  readonly reapply: () => Promise<CommitOutcome>;
  readonly maxAttempts?: number;
}

/**
 * Pushes the results branch. Because runs amend their period's commit, the push is a lease-protected
 * force: it replaces only the commit this worktree saw. When another writer pushed meanwhile, fetch,
 * reset to their head, apply this run's results again on top and retry. A push that still fails is
 * reported, never swallowed (the peer's silent push failures).
 */
export async function pushRun(request: PushRequest): Promise<PushOutcome> {
  const git = simpleGit(request.repoDir);
  const maxAttempts = request.maxAttempts ?? 5;
  const tracking = `refs/remotes/${request.remote}/${request.branch}`;
  let lastError = '';
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const seen = await git.raw(['rev-parse', '--verify', '--quiet', tracking]).then(
      (s) => s.trim(),
      () => '',
    );
    const lease = `--force-with-lease=refs/heads/${request.branch}:${seen}`;
    try {
      await git.raw(['push', '--quiet', '--porcelain', lease, request.remote, `HEAD:refs/heads/${request.branch}`]);
      await git.raw(['fetch', '--quiet', request.remote, `+refs/heads/${request.branch}:${tracking}`]);
      return { kind: 'pushed', attempts: attempt, sha: (await git.revparse(['HEAD'])).trim() };
    } catch (error) {
      lastError = (error as Error).message.trim();
    }
    if (attempt === maxAttempts) break;
    try {
      await git.raw(['fetch', '--quiet', request.remote, `+refs/heads/${request.branch}:${tracking}`]);
      const theirs = await git.raw(['rev-parse', '--verify', '--quiet', tracking]).then(
        (s) => s.trim(),
        () => '',
      );
      // Their branch vanished (deleted on the remote): start again from our own commit.
      if (theirs) await git.raw(['reset', '--quiet', '--hard', tracking]);
    } catch (error) {
      return {
        kind: 'failed',
        attempts: attempt,
        error: `${lastError}\nthen fetching ${request.remote} failed: ${(error as Error).message.trim()}`,
      };
    }
    await request.reapply();
  }
  return { kind: 'failed', attempts: maxAttempts, error: lastError };
}

/** The checked-out branch; on a detached HEAD (some CI checkouts), the fallback given. */
export async function currentBranch(repoDir: string, fallback: string | undefined): Promise<string> {
  const name = (await simpleGit(repoDir).raw(['rev-parse', '--abbrev-ref', 'HEAD'])).trim();
  if (name !== 'HEAD') return name;
  if (fallback) return fallback;
  throw new Error(`--push: ${repoDir} is on a detached HEAD; check out the branch to push to`);
}
