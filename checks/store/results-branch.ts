import { access, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { BOT } from './commit-run.ts';

export interface ResultsBranchRequest {
  /** The clone of main. */
  readonly repoDir: string;
  /** Where the results branch is checked out (a git-ignored worktree, `data/results`). */
  readonly worktree: string;
  /** `git.data_branch` in config.yml. */
  readonly branch: string;
  readonly remote: string;
  /** Bring the worktree up to the remote's branch first (a run that will push). */
  readonly update: boolean;
}

export interface OpenedResults {
  /** `existing`: the worktree was there; `fetched`: made from the remote's branch; `created`: a new branch. */
  readonly kind: 'existing' | 'fetched' | 'created';
  readonly notices: readonly string[];
}

/**
 * Makes `worktree` a checkout of the results branch: the existing one, the remote's branch, or a new
 * branch whose first commit is empty. With `update`, a worktree behind the remote is moved to it; local
 * results commits the remote does not have are kept on a backup branch, never dropped. `main` is never
 * touched: results are committed on their own branch so that agencies' pull requests to main stay mergeable.
 */
export async function openResultsWorktree(request: ResultsBranchRequest): Promise<OpenedResults> {
  const { repoDir, worktree, branch, remote } = request;
  const git = simpleGit(repoDir);
  const notices: string[] = [];
  const hasRemote = (await git.raw(['remote'])).split('\n').includes(remote);
  await ensureIgnored(repoDir, worktree);

  if (await exists(path.join(worktree, '.git'))) {
    if (request.update && hasRemote && (await remoteBranchExists(git, remote, branch))) {
      notices.push(...(await catchUp(simpleGit(worktree), remote, branch)));
    }
    return { kind: 'existing', notices };
  }
  if ((await exists(worktree)) && (await readdir(worktree)).length > 0) {
    throw new Error(
      `${worktree} holds files but is not a checkout of the results branch "${branch}"; move them away ` +
        '(results that sit on main are moved with `npm run data -- migrate`)',
    );
  }
  await git.raw(['worktree', 'prune']);
  const onRemote = hasRemote && (await remoteBranchExists(git, remote, branch));
  if (onRemote) await git.raw(['fetch', '--quiet', remote, `+refs/heads/${branch}:refs/remotes/${remote}/${branch}`]);
  const local = await revision(git, `refs/heads/${branch}`);
  await mkdir(path.dirname(worktree), { recursive: true });
  if (local) {
    await git.raw(['worktree', 'add', '--quiet', worktree, branch]);
    if (onRemote && request.update) notices.push(...(await catchUp(simpleGit(worktree), remote, branch)));
    return { kind: 'existing', notices };
  }
  if (onRemote) {
    await git.raw(['worktree', 'add', '--quiet', '-b', branch, worktree, `refs/remotes/${remote}/${branch}`]);
    return { kind: 'fetched', notices };
  }
  // A root commit with an empty tree (git 2.39 has no `worktree add --orphan`).
  const emptyTree = (await git.raw(['hash-object', '-t', 'tree', '/dev/null'])).trim();
  const identity = (await hasIdentity(git)) ? [] : ['-c', `user.name=${BOT.name}`, '-c', `user.email=${BOT.email}`];
  const root = (await git.raw([...identity, 'commit-tree', emptyTree, '-m', 'Canh Gác: results branch'])).trim();
  await git.raw(['branch', branch, root]);
  await git.raw(['worktree', 'add', '--quiet', worktree, branch]);
  notices.push(
    `created the results branch "${branch}" (checked out at ${path.relative(repoDir, worktree) || worktree})`,
  );
  return { kind: 'created', notices };
}

/**
 * Moves a worktree behind the remote up to it. Uncommitted results stop the run (a `--no-commit` run
 * left them: commit or discard them); local commits the remote lacks go to a backup branch.
 */
async function catchUp(wt: SimpleGit, remote: string, branch: string): Promise<string[]> {
  const tracking = `refs/remotes/${remote}/${branch}`;
  await wt.raw(['fetch', '--quiet', remote, `+refs/heads/${branch}:${tracking}`]);
  const head = (await wt.revparse(['HEAD'])).trim();
  const theirs = (await wt.revparse([tracking])).trim();
  if (head === theirs) return [];
  if (await isAncestor(wt, theirs, head)) return []; // ahead: the push carries it
  const dirty = (await wt.raw(['status', '--porcelain', '--untracked-files=no'])).trim();
  if (dirty) {
    throw new Error(
      `the results worktree has uncommitted changes (a run with --no-commit?); commit or discard them first:\n${dirty}`,
    );
  }
  const notices: string[] = [];
  if (!(await isAncestor(wt, head, theirs))) {
    const backup = `${branch}-local-${head.slice(0, 10)}`;
    await wt.raw(['branch', '--force', backup, head]);
    notices.push(
      `local results commits that ${remote} does not have were kept on branch ${backup}; the run continues from ${remote}/${branch}`,
    );
  }
  await wt.raw(['reset', '--quiet', '--hard', tracking]);
  return notices;
}

async function remoteBranchExists(git: SimpleGit, remote: string, branch: string): Promise<boolean> {
  try {
    const out = await git.raw(['ls-remote', '--heads', remote, `refs/heads/${branch}`]);
    return out.trim() !== '';
  } catch (error) {
    throw new Error(
      `could not reach the remote "${remote}" to look for the results branch "${branch}": ${(error as Error).message.trim()}`,
    );
  }
}

// simple-git resolves a failing command that printed nothing to stderr, so exit codes are not read
// here: outputs are. An absent ref, unrelated histories, an unset key, a path not ignored: each exits 1
// silently and comes back as "". What rejects printed an error (not a repository, a corrupt object):
// that is thrown, never taken for absence.

async function revision(git: SimpleGit, ref: string): Promise<string | null> {
  const out = await git.raw(['rev-parse', '--verify', '--quiet', ref]);
  return out.trim() || null;
}

async function isAncestor(git: SimpleGit, ancestor: string, of: string): Promise<boolean> {
  const base = (await git.raw(['merge-base', ancestor, of])).trim();
  return base !== '' && base === ancestor;
}

async function hasIdentity(git: SimpleGit): Promise<boolean> {
  return (await git.raw(['config', 'user.email'])).trim() !== '';
}

/**
 * The worktree must never show up in main's `git status` (and so in a commit to main): `.gitignore`
 * lists it, and a fork with an older `.gitignore` gets it in `.git/info/exclude`.
 */
async function ensureIgnored(repoDir: string, worktree: string): Promise<void> {
  const relative = path.relative(repoDir, worktree).split(path.sep).join('/');
  if (relative.startsWith('..') || path.isAbsolute(relative)) return;
  const ignored = (await simpleGit(repoDir).raw(['check-ignore', `${relative}/x`])).trim() !== '';
  if (ignored) return;
  const common = (await simpleGit(repoDir).raw(['rev-parse', '--git-common-dir'])).trim();
  const exclude = path.resolve(repoDir, common, 'info', 'exclude');
  // No exclude file yet is an empty one; one that cannot be read must not be rewritten with our line alone.
  const text = await readFile(exclude, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  await mkdir(path.dirname(exclude), { recursive: true });
  await writeFile(exclude, `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}/${relative}/\n`);
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
