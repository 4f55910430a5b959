import { simpleGit } from 'simple-git';
import type { CommitOutcome } from './commit-run.ts';

export type PushOutcome =
  | { readonly kind: 'pushed'; readonly attempts: number; readonly sha: string }
  | { readonly kind: 'failed'; readonly attempts: number; readonly error: string };

export interface PushRequest {
  readonly repoDir: string;
  readonly remote: string;
  readonly branch: string;
  /** Commits this run's files again on top of whatever HEAD is now (commitRun with the same request). */
  readonly recommit: () => Promise<CommitOutcome>;
  readonly maxAttempts?: number;
}

/**
 * Pushes the run commit. Because runs amend their period's commit, the push is a lease-protected force:
 * it replaces only the commit this checkout saw. When someone pushed meanwhile (a merged pull request,
 * another shard), fetch, move onto their head keeping this run's files in the work tree, commit them
 * again — amending theirs if it is this period's run commit — and retry. A push that still fails is
 * reported, never swallowed (the peer's silent push failures).
 */
export async function pushRun(request: PushRequest): Promise<PushOutcome> {
  const git = simpleGit(request.repoDir);
  const maxAttempts = request.maxAttempts ?? 5;
  const tracking = `refs/remotes/${request.remote}/${request.branch}`;
  let lastError = '';
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const seen = await git.raw(['rev-parse', '--verify', '--quiet', tracking]).then((s) => s.trim(), () => '');
    const lease = `--force-with-lease=refs/heads/${request.branch}:${seen}`;
    try {
      await git.raw(['push', '--quiet', '--porcelain', lease, request.remote, `HEAD:refs/heads/${request.branch}`]);
      await git.raw(['fetch', '--quiet', request.remote, request.branch]);
      return { kind: 'pushed', attempts: attempt, sha: (await git.revparse(['HEAD'])).trim() };
    } catch (error) {
      lastError = (error as Error).message.trim();
    }
    await git.raw(['fetch', '--quiet', request.remote, `+refs/heads/${request.branch}:${tracking}`]);
    // --mixed: the index and HEAD move to their commit, this run's files stay in the work tree.
    await git.raw(['reset', '--quiet', '--mixed', tracking]);
    await request.recommit();
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
