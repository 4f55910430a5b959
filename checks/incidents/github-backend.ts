import { BackendError, type IncidentBackend, type IssueSnapshot } from './backend.ts';
import { createGithubClient, type GithubClient, type GithubClientOptions } from './github-client.ts';
import { backendErrorFrom, type FailedCall } from './github-failure.ts';

type IssueData = Awaited<ReturnType<GithubClient['rest']['issues']['get']>>['data'];

export interface GithubBackendOptions extends GithubClientOptions {
  /** `owner/name`. */
  readonly repository: string;
  /** For rate-limit reset times; default `Date.now`. */
  readonly now?: () => number;
}

const NOTIFYING = { request: { retries: 0 } } as const;

/**
 * Incident issues in a GitHub repository through @octokit/rest with the throttling and retry
 * plugins. Creating an issue or a comment is never repeated automatically after a 5xx, a timeout
 * or a dropped connection: GitHub may have done it already, so the error says so and the caller
 * looks (by marker) before trying again. Everything else that is safe to repeat is repeated.
 */
export function createGithubBackend(options: GithubBackendOptions): IncidentBackend {
  const [owner, repo, ...rest] = options.repository.split('/');
  if (!owner || !repo || rest.length)
    throw new BackendError(`github: repository must be "owner/name", got "${options.repository}"`, {
      status: null,
      retryable: false,
    });
  const repository = options.repository;
  const now = options.now ?? Date.now;
  const { octokit, retries } = createGithubClient(options);

  const call = async <T>(action: string, kind: 'read' | 'write' | 'notify', run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      const failed: FailedCall = {
        action,
        repository,
        write: kind !== 'read',
        mayHaveHappened: kind === 'notify',
        attempts: kind === 'notify' ? 1 : retries + 1,
      };
      throw backendErrorFrom(error, failed, now());
    }
  };
  const snapshot = (action: string, data: IssueData): IssueSnapshot => {
    if (typeof data !== 'object' || data === null || typeof data.number !== 'number') {
      throw new BackendError(`github: ${action} in ${repository} failed: the answer is not an issue`, {
        status: null,
        retryable: true,
      });
    }
    return {
      number: data.number,
      url: data.html_url,
      state: data.state === 'closed' ? 'closed' : 'open',
      stateReason: data.state_reason ?? null,
      title: data.title,
      body: data.body ?? '',
      labels: data.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter((l) => l !== ''),
      assignees: (data.assignees ?? []).map((a) => a.login),
    };
  };
  const known = new Set<string>();

  return {
    kind: 'github',
    repository,
    async listIssues(labels, state) {
      const action = `listing ${state} issues labelled ${labels.join(',') || '(any)'}`;
      const items = await call(action, 'read', () =>
        octokit.paginate(octokit.rest.issues.listForRepo, {
          owner,
          repo,
          state,
          per_page: 100,
          ...(labels.length ? { labels: labels.join(',') } : {}),
        }),
      );
      return items.filter((i) => !i.pull_request).map((i) => snapshot(action, i as IssueData));
    },
    async getIssue(number) {
      const action = `reading issue #${number}`;
      return snapshot(
        action,
        (await call(action, 'read', () => octokit.rest.issues.get({ owner, repo, issue_number: number }))).data,
      );
    },
    async createIssue(issue) {
      const action = 'creating an issue';
      const { data } = await call(action, 'notify', () =>
        octokit.rest.issues.create({
          owner,
          repo,
          title: issue.title,
          body: issue.body,
          labels: [...issue.labels],
          assignees: [...issue.assignees],
          ...NOTIFYING,
        }),
      );
      return snapshot(action, data);
    },
    async updateIssue(number, change) {
      const action = `updating issue #${number}`;
      const { data } = await call(action, 'write', () =>
        octokit.rest.issues.update({
          owner,
          repo,
          issue_number: number,
          ...(change.title !== undefined ? { title: change.title } : {}),
          ...(change.state !== undefined ? { state: change.state } : {}),
          ...(change.stateReason !== undefined ? { state_reason: change.stateReason } : {}),
          ...(change.labels !== undefined ? { labels: [...change.labels] } : {}),
        }),
      );
      return snapshot(action, data);
    },
    async addComment(number, body) {
      await call(`commenting on issue #${number}`, 'notify', () =>
        octokit.rest.issues.createComment({ owner, repo, issue_number: number, body, ...NOTIFYING }),
      );
    },
    async recentComments(number) {
      // Oldest first, 100 a page: page 1 tells the last page; the last page (plus the one before
      // when the last is not full) holds the latest 100. One request up to 100 comments, 2–3 beyond.
      const action = `reading comments of issue #${number}`;
      const page = (p: number) =>
        call(action, 'read', () =>
          octokit.rest.issues.listComments({ owner, repo, issue_number: number, per_page: 100, page: p }),
        );
      const first = await page(1);
      const last = Number(/<[^>]*[?&]page=(\d+)[^>]*>;\s*rel="last"/.exec(first.headers.link ?? '')?.[1] ?? 1);
      if (last === 1) return first.data.map((c) => c.body ?? '');
      const tail = (await page(last)).data;
      const before = tail.length >= 100 ? [] : last === 2 ? first.data : (await page(last - 1)).data;
      return [...before, ...tail].map((c) => c.body ?? '');
    },
    async ensureLabels(labels) {
      for (const label of labels) {
        if (known.has(label.name)) continue;
        const action = `creating label "${label.name}"`;
        try {
          await octokit.rest.issues.getLabel({ owner, repo, name: label.name });
        } catch (error) {
          if ((error as { status?: unknown }).status !== 404)
            throw backendErrorFrom(
              error,
              {
                action: `reading label "${label.name}"`,
                repository,
                write: false,
                mayHaveHappened: false,
                attempts: retries + 1,
              },
              now(),
            );
          try {
            await octokit.rest.issues.createLabel({
              owner,
              repo,
              name: label.name,
              color: label.color,
              description: label.description,
            });
          } catch (createError) {
            // Another run created it between our GET and POST.
            if (!alreadyExists(createError))
              throw backendErrorFrom(
                createError,
                { action, repository, write: true, mayHaveHappened: false, attempts: retries + 1 },
                now(),
              );
          }
        }
        known.add(label.name);
      }
    },
  };
}

function alreadyExists(error: unknown): boolean {
  const e = error as { status?: unknown; response?: { data?: { errors?: unknown } } };
  const errors = e.response?.data?.errors;
  return (
    e.status === 422 && Array.isArray(errors) && errors.some((x) => (x as { code?: unknown }).code === 'already_exists')
  );
}
