import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';
import { STATUS_CODES } from 'node:http';
import { BackendError, type IncidentBackend, type IssueSnapshot } from './backend.ts';
import { AttemptTimeoutError, backendErrorFrom, type FailedCall } from './github-failure.ts';

const GitHub = Octokit.plugin(throttling, retry);
type GitHubClient = InstanceType<typeof GitHub>;
type IssueData = Awaited<ReturnType<GitHubClient['rest']['issues']['get']>>['data'];

/** How hard to push against GitHub's limits. The defaults are for production; tests shrink the waits. */
export interface GithubThrottle {
  /** Milliseconds per second that GitHub asks to wait (retry-after, rate-limit reset, 5xx backoff). Default 1000; tests use 1. */
  readonly msPerSecond?: number;
  /** GitHub's advice: writes ≥ 1 s apart, issue and comment creation ≥ 3 s apart. Default true; tests turn it off. */
  readonly spaceWrites?: boolean;
  /** Repeats of a 5xx or dropped connection, for requests safe to repeat. Default 3 (waits 1, 4, 9 s). */
  readonly retries?: number;
  /** Repeats after a 403/429 rate limit, per request. Default 2. */
  readonly rateLimitRetries?: number;
  /** Most seconds (GitHub's seconds) one request waits on rate limits in total; beyond it the call fails, retryable. Default 60. */
  readonly maxWaitS?: number;
}

export interface GithubBackendOptions {
  /** REST base, e.g. `https://api.github.com` or `https://HOST/api/v3` (GitHub Enterprise Server). */
  readonly apiUrl: string;
  /** `owner/name`. */
  readonly repository: string;
  readonly token: string;
  /** Per attempt, until the whole body has arrived. Default 15 000. A timed-out attempt is not repeated. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof globalThis.fetch;
  readonly throttle?: GithubThrottle;
  /** Waits, retries and server errors along the way (the final failure is thrown, not noticed). */
  readonly onNotice?: (message: string) => void;
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
  const timeoutMs = options.timeoutMs ?? 15_000;
  const baseFetch = options.fetch ?? globalThis.fetch;
  const notice = options.onNotice ?? (() => {});
  const now = options.now ?? Date.now;
  const t = options.throttle ?? {};
  const msPerSecond = t.msPerSecond ?? 1000;
  const retries = t.retries ?? 3;
  const rateLimitRetries = t.rateLimitRetries ?? 2;
  const maxWaitS = t.maxWaitS ?? 60;

  // Each attempt gets its own timer, covering the body too: octokit reads a body cut short by an
  // abort as "" and would hand that back as data.
  const timedFetch: typeof globalThis.fetch = async (input, init) => {
    const timer = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timer]) : timer;
    const what = `${init?.method ?? 'GET'} ${new URL(input instanceof Request ? input.url : input).pathname}`;
    try {
      const response = await baseFetch(input, { ...init, signal });
      const body = [204, 205, 304].includes(response.status) ? null : await response.arrayBuffer();
      if (response.status >= 500)
        notice(`github: ${what} answered ${response.status} ${STATUS_CODES[response.status] ?? ''}`.trimEnd());
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      if (timer.aborted) {
        notice(`github: ${what} got no answer within ${timeoutMs} ms`);
        throw new AttemptTimeoutError(timeoutMs, error);
      }
      notice(
        `github: ${what} failed: ${error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error)}`,
      );
      throw error;
    }
  };

  // Rate-limit waits per request (retries of one request share its options object).
  const waited = new WeakMap<object, number>();
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const spent = waited.get(request) ?? 0;
      const go = retryCount < rateLimitRetries && spent + retryAfter <= maxWaitS;
      if (go) waited.set(request, spent + retryAfter);
      notice(
        `github: ${kind} rate limit on ${request.method} ${request.url}; ${go ? `retrying in ${retryAfter} s` : `not waiting ${retryAfter} s more (already waited ${spent} s, ${retryCount} retries)`}`,
      );
      return go;
    };
  const unspaced = () => new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });

  const octokit = new GitHub({
    auth: options.token,
    baseUrl: options.apiUrl.replace(/\/+$/, ''),
    userAgent: 'canh-gac',
    request: { fetch: timedFetch },
    log: { debug: () => {}, info: () => {}, warn: (m: string) => notice(`github: ${m}`), error: () => {} },
    throttle: {
      id: 'canh-gac',
      retryAfterBaseValue: msPerSecond,
      ...(t.spaceWrites === false ? { write: unspaced(), notifications: unspaced(), search: unspaced() } : {}),
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
    } satisfies ThrottlingOptions,
    // 429 belongs to the throttling plugin alone: otherwise the retry plugin repeats it even after
    // the rate-limit handler said no.
    retry: { retries, retryAfterBaseValue: msPerSecond, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
  });

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
