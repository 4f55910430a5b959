import type { GithubClient } from '../incidents/github-client.ts';
import { backendErrorFrom } from '../incidents/github-failure.ts';
import type { RegistrationResult } from '../schemas/registration.ts';
import { recheckRegistration } from './recheck-registration.ts';
import {
  acceptedComment,
  registrationBranch,
  registrationPullBody,
  registrationPullTitle,
  rejectedComment,
} from './render-registration.ts';
import type { RegistrationRegistry } from './validate-registration.ts';

export interface RespondInput {
  readonly client: GithubClient;
  /** How many repeats the client gives a failed call that is safe to repeat, for error messages. */
  readonly retries: number;
  /** `owner/name`, from the workflow's own event, not from the result. */
  readonly repository: string;
  /** The issue number, from the workflow's own event. */
  readonly issue: number;
  /** The default branch, from the workflow's own event: the pull request's base. */
  readonly baseBranch: string;
  readonly result: RegistrationResult;
  /** The registry on the default branch, read by this job. */
  readonly registry: RegistrationRegistry;
  /** See `UrlPolicyOptions.allowPrivate`: tests and the demo only. */
  readonly allowPrivate?: boolean;
}

export type RespondOutcome =
  | { readonly action: 'rejected'; readonly comment: string }
  | {
      readonly action: 'opened' | 'updated';
      readonly pull: number;
      readonly branchChanged: boolean;
      readonly comment: string;
    };

/**
 * The `respond` job: answers the issue on GitHub. Field errors become one comment and nothing else.
 * A site file, checked once more here, goes onto branch `dang-ky/issue-<n>`, built from the default
 * branch's head plus that one file through the contents API, and into one pull request per issue:
 * an edited issue rebuilds the branch (when the file changed) and updates the same pull request,
 * found by its head branch in any state, so there is never a second. Then one comment with the link.
 */
export async function respondToRegistration(input: RespondInput): Promise<RespondOutcome> {
  const { client, issue, result } = input;
  const [owner, repo] = input.repository.split('/') as [string, string];
  // `create`: a creation the client does not repeat (`retries: 0`): GitHub may have made it although the answer failed.
  const call = async <T>(action: string, kind: 'read' | 'write' | 'create', run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw backendErrorFrom(
        error,
        {
          action,
          repository: input.repository,
          write: kind !== 'read',
          mayHaveHappened: kind === 'create',
          attempts: kind === 'create' ? 1 : input.retries + 1,
          permissions: 'contents, pull-requests and issues',
        },
        Date.now(),
      );
    }
  };
  const comment = async (body: string) => {
    await call(`commenting on issue #${issue}`, 'create', () =>
      client.rest.issues.createComment({ owner, repo, issue_number: issue, body, request: { retries: 0 } }),
    );
    return body;
  };

  if (result.issue !== issue)
    throw new Error(`result.json is about issue #${result.issue}, but this run is about issue #${issue}`);
  if (result.outcome === 'rejected')
    return { action: 'rejected', comment: await comment(rejectedComment(result.errors, result.notes, result.probe)) };

  const recheck = recheckRegistration(result, input.registry, input.allowPrivate ?? false);
  if (!recheck.ok)
    return { action: 'rejected', comment: await comment(rejectedComment(recheck.errors, result.notes, result.probe)) };

  const branch = registrationBranch(issue);
  const base = await call(`reading branch ${input.baseBranch}`, 'read', () =>
    client.rest.git.getRef({ owner, repo, ref: `heads/${input.baseBranch}` }),
  );
  const baseSha = base.data.object.sha;
  const existing = await call(`reading branch ${branch}`, 'read', () =>
    orNull(client.rest.git.getRef({ owner, repo, ref: `heads/${branch}` })),
  );

  let branchChanged = true;
  if (existing === null) {
    await call(`creating branch ${branch}`, 'write', () =>
      client.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: baseSha }),
    );
  } else {
    const current = await call(`reading ${result.path} on ${branch}`, 'read', () =>
      orNull(client.rest.repos.getContent({ owner, repo, path: result.path, ref: branch })),
    );
    const data = current?.data;
    const text =
      data && !Array.isArray(data) && data.type === 'file' && 'content' in data
        ? Buffer.from(data.content, 'base64').toString('utf8')
        : undefined;
    if (text === result.content) branchChanged = false;
    // Rebuilt from the default branch's head: a file left by an earlier edit (another id) goes away.
    else
      await call(`resetting branch ${branch}`, 'write', () =>
        client.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha: baseSha, force: true }),
      );
  }
  if (branchChanged)
    await call(`writing ${result.path} on ${branch}`, 'write', () =>
      client.rest.repos.createOrUpdateFileContents({
        owner,
        repo,
        path: result.path,
        branch,
        message: `Đăng ký giám sát: ${result.id} (#${issue})\n\nRegister a site: ${result.id}, from issue #${issue}.`,
        content: Buffer.from(result.content, 'utf8').toString('base64'),
      }),
    );

  const title = registrationPullTitle(result.id);
  const body = registrationPullBody({
    issue,
    site: recheck.site,
    path: result.path,
    notes: result.notes,
    probe: result.probe,
  });
  const pulls = await call(`looking for the pull request of ${branch}`, 'read', () =>
    client.rest.pulls.list({ owner, repo, head: `${owner}:${branch}`, state: 'all', per_page: 10 }),
  );
  const found = pulls.data.find((p) => p.head.ref === branch);
  let pull: number;
  let closed = false;
  if (found) {
    pull = found.number;
    closed = found.state === 'closed';
    await call(`updating pull request #${pull}`, 'write', () =>
      client.rest.pulls.update({ owner, repo, pull_number: pull, title, body }),
    );
  } else {
    const created = await call(`opening a pull request for ${branch}`, 'create', () =>
      client.rest.pulls.create({
        owner,
        repo,
        title,
        body,
        head: branch,
        base: input.baseBranch,
        request: { retries: 0 },
      }),
    );
    pull = created.data.number;
  }
  const action = found ? 'updated' : 'opened';
  const text = acceptedComment({ pull, action, closed, path: result.path, notes: result.notes, probe: result.probe });
  return { action, pull, branchChanged, comment: await comment(text) };
}

async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if ((error as { status?: unknown }).status === 404) return null;
    throw error;
  }
}
