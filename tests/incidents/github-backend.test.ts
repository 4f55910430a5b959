import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackendError } from '../../checks/incidents/backend.ts';
import { createGithubBackend, type GithubBackendOptions } from '../../checks/incidents/github-backend.ts';
import { startFakeGithub, type FakeGithub, type FaultKind } from '../support/fake-github.ts';

let gh: FakeGithub;
let notices: string[];
beforeEach(async () => {
  gh = await startFakeGithub();
  notices = [];
});
afterEach(async () => {
  await gh.close();
});

/** The real octokit client; waits shrunk to 1 ms per GitHub second, no write spacing. */
const backend = (extra: Partial<GithubBackendOptions> = {}) =>
  createGithubBackend({
    apiUrl: gh.url,
    repository: gh.repository,
    token: gh.token,
    timeoutMs: 3_000,
    throttle: { msPerSecond: 1, spaceWrites: false },
    onNotice: (m) => notices.push(m),
    ...extra,
  });

const failure = async (promise: Promise<unknown>): Promise<BackendError> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof BackendError)) throw new Error(`expected a BackendError, got ${String(error)}`);
  return error;
};
const statuses = () => gh.requests.map((r) => `${r.method} ${r.path.split('?')[0]} ${r.status}`);
const SECONDARY =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:FAKE.';

describe('github backend: issues', () => {
  it('creates, reads, relabels, closes with a reason and reopens', async () => {
    const b = backend();
    const created = await b.createIssue({
      title: 'Site A down',
      body: 'body <!-- m -->',
      labels: ['incident', 'site:a'],
      assignees: ['duc'],
    });
    expect(created).toEqual({
      number: 1,
      url: `${gh.url}/canh/incidents/issues/1`,
      state: 'open',
      stateReason: null,
      title: 'Site A down',
      body: 'body <!-- m -->',
      labels: ['incident', 'site:a'],
      assignees: ['duc'],
    });
    expect(await b.getIssue(1)).toEqual(created);
    const relabelled = await b.updateIssue(1, {
      title: 'Site A degraded',
      labels: ['incident', 'site:a', 'severity:minor'],
    });
    expect([relabelled.title, relabelled.labels]).toEqual([
      'Site A degraded',
      ['incident', 'site:a', 'severity:minor'],
    ]);
    const closed = await b.updateIssue(1, { state: 'closed', stateReason: 'not_planned' });
    expect([closed.state, closed.stateReason]).toEqual(['closed', 'not_planned']);
    const reopened = await b.updateIssue(1, { state: 'open', stateReason: 'reopened' });
    expect([reopened.state, reopened.stateReason]).toEqual(['open', 'reopened']);
    expect(statuses()).toEqual([
      'POST /repos/canh/incidents/issues 201',
      'GET /repos/canh/incidents/issues/1 200',
      'PATCH /repos/canh/incidents/issues/1 200',
      'PATCH /repos/canh/incidents/issues/1 200',
      'PATCH /repos/canh/incidents/issues/1 200',
    ]);
    expect(gh.requests.every((r) => !r.fault)).toBe(true);
  });

  it('lists every page of issues carrying all the labels, without pull requests', async () => {
    for (let i = 0; i < 230; i++)
      gh.seed({ title: `a${i}`, labels: ['incident', 'site:a'], state: i % 10 === 0 ? 'closed' : 'open' });
    for (let i = 0; i < 5; i++) gh.seed({ title: `pr${i}`, labels: ['incident', 'site:a'], pull_request: true });
    for (let i = 0; i < 7; i++) gh.seed({ title: `b${i}`, labels: ['incident', 'site:b'] });
    const b = backend();
    const open = await b.listIssues(['incident', 'site:a'], 'open');
    expect(open).toHaveLength(207);
    expect(open.some((i) => i.title.startsWith('pr'))).toBe(false);
    expect(new Set(open.map((i) => i.number)).size).toBe(207);
    // 207 open issues + 5 PRs = 212 items: three pages of 100, every page read.
    expect(gh.requests.map((r) => r.path)).toEqual(
      ['', '&page=2', '&page=3'].map(
        (p) => `/repos/canh/incidents/issues?state=open&per_page=100&labels=incident%2Csite%3Aa${p}`,
      ),
    );
    expect(await b.listIssues(['incident', 'site:a'], 'closed')).toHaveLength(23);
    expect(await b.listIssues(['incident', 'site:a'], 'all')).toHaveLength(230);
    expect(await b.listIssues(['site:b'], 'open')).toHaveLength(7);
  });

  it('reads the latest comments in at most three requests, oldest first', async () => {
    const bodies = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `c${from + i}`);
    const b = backend();
    const few = gh.seed({}).number;
    gh.seedComments(few, bodies(1, 5));
    expect(await b.recentComments(few)).toEqual(bodies(1, 5));
    expect(gh.requests).toHaveLength(1);

    const full = gh.seed({}).number;
    gh.seedComments(full, bodies(1, 300));
    gh.requests.length = 0;
    expect(await b.recentComments(full)).toEqual(bodies(201, 300));
    expect(gh.requests.map((r) => new URL(r.path, gh.url).searchParams.get('page'))).toEqual(['1', '3']);

    const ragged = gh.seed({}).number;
    gh.seedComments(ragged, bodies(1, 250));
    gh.requests.length = 0;
    expect(await b.recentComments(ragged)).toEqual(bodies(101, 250));
    expect(gh.requests.map((r) => new URL(r.path, gh.url).searchParams.get('page'))).toEqual(['1', '3', '2']);

    const two = gh.seed({}).number;
    gh.seedComments(two, bodies(1, 150));
    gh.requests.length = 0;
    expect(await b.recentComments(two)).toEqual(bodies(1, 150));
    expect(gh.requests).toHaveLength(2);
  });

  it('adds comments', async () => {
    const b = backend();
    gh.seed({ title: 'x' });
    await b.addComment(1, 'hello');
    expect(gh.comments(1)).toEqual([{ id: 1, body: 'hello' }]);
  });
});

describe('github backend: labels', () => {
  const specs = [
    { name: 'incident', color: 'b60205', description: 'Canh Gác incident' },
    { name: 'site:gov a/b', color: 'd93f0b', description: 'Site' },
  ];

  it('creates only missing labels, once per backend', async () => {
    gh.seedLabel({ name: 'incident', color: '000000', description: 'kept as is' });
    const b = backend();
    await b.ensureLabels(specs);
    expect(gh.labels()).toEqual([{ name: 'incident', color: '000000', description: 'kept as is' }, specs[1]]);
    expect(statuses()).toEqual([
      'GET /repos/canh/incidents/labels/incident 200',
      'GET /repos/canh/incidents/labels/site%3Agov%20a%2Fb 404',
      'POST /repos/canh/incidents/labels 201',
    ]);
    await b.ensureLabels(specs);
    expect(gh.requests).toHaveLength(3);
    await backend().ensureLabels(specs);
    expect(gh.requests).toHaveLength(5);
  });

  it('takes 422 already_exists (another run created it meanwhile) as success', async () => {
    const racing: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (response.status === 404 && String(input instanceof Request ? input.url : input).includes('/labels/'))
        gh.seedLabel({ name: 'incident', color: 'ffffff', description: 'theirs' });
      return response;
    };
    await backend({ fetch: racing }).ensureLabels([specs[0]!]);
    expect(statuses()).toEqual([
      'GET /repos/canh/incidents/labels/incident 404',
      'POST /repos/canh/incidents/labels 422',
    ]);
    expect(gh.labels()).toEqual([{ name: 'incident', color: 'ffffff', description: 'theirs' }]);
  });
});

describe('github backend: rate limits', () => {
  beforeEach(() => void gh.seed({ title: 'one' }));

  it('waits out a 403 secondary limit (retry-after) and succeeds', async () => {
    gh.fail({ status: 403, secondary: true, retryAfterS: 1 });
    const started = Date.now();
    expect((await backend().getIssue(1)).title).toBe('one');
    expect(Date.now() - started).toBeLessThan(500);
    expect(statuses()).toEqual(['GET /repos/canh/incidents/issues/1 403', 'GET /repos/canh/incidents/issues/1 200']);
    expect(notices).toEqual([
      'github: secondary rate limit on GET /repos/{owner}/{repo}/issues/{issue_number}; retrying in 1 s',
    ]);
  });

  it('waits out a 429 and a primary limit (x-ratelimit-reset) on a write', async () => {
    // The reset is 5 s ahead; octokit waits reset − now + 1 s, fewer when this machine is slow to get there.
    gh.fail({ status: 429, retryAfterS: 1 }, { status: 403, rateLimitReset: Math.floor(Date.now() / 1000) + 5 });
    await backend().createIssue({ title: 't', body: '', labels: [], assignees: [] });
    expect(statuses()).toEqual([
      'POST /repos/canh/incidents/issues 429',
      'POST /repos/canh/incidents/issues 403',
      'POST /repos/canh/incidents/issues 201',
    ]);
    expect(gh.issues()).toHaveLength(2);
    expect(notices[1]).toMatch(
      /^github: primary rate limit on POST \/repos\/\{owner\}\/\{repo\}\/issues; retrying in [1-7] s$/,
    );
  });

  it('gives up after two rate-limit retries: retryable, and 429 is not repeated by the retry plugin', async () => {
    gh.fail(...Array.from({ length: 5 }, () => ({ status: 429 as const, retryAfterS: 1 })));
    const error = await failure(backend().getIssue(1));
    expect([error.status, error.retryable]).toEqual([429, true]);
    expect(error.message).toBe(
      `github: reading issue #1 in canh/incidents failed: 429 ${SECONDARY} — rate limited (GitHub asks to wait 1 s); a later run will retry`,
    );
    expect(gh.requests).toHaveLength(3);
  });

  it('never waits more than 60 GitHub seconds in total on one request', async () => {
    gh.fail({ status: 403, secondary: true, retryAfterS: 120 });
    const long = await failure(backend().getIssue(1));
    expect([long.status, long.retryable, gh.requests.length]).toEqual([403, true, 1]);
    expect(notices).toEqual([
      'github: secondary rate limit on GET /repos/{owner}/{repo}/issues/{issue_number}; not waiting 120 s more (already waited 0 s, 0 retries)',
    ]);
    gh.requests.length = 0;
    gh.fail({ status: 403, secondary: true, retryAfterS: 40 }, { status: 403, secondary: true, retryAfterS: 40 });
    await failure(backend().getIssue(1));
    expect(gh.requests).toHaveLength(2);
  });

  it('a plain 403 is a permission problem, not retried', async () => {
    gh.fail({ status: 403 });
    const error = await failure(backend().createIssue({ title: 't', body: '', labels: [], assignees: [] }));
    expect(error.message).toBe(
      'github: creating an issue in canh/incidents failed: 403 Resource not accessible by integration — does the token have issues: write?',
    );
    expect([error.status, error.retryable, gh.requests.length]).toEqual([403, false, 1]);
  });
});

describe('github backend: server and network failures', () => {
  beforeEach(() => void gh.seed({ title: 'one' }));

  it('repeats 500 and 502 on reads and idempotent writes, then succeeds', async () => {
    gh.fail({ status: 500 }, { status: 502 });
    expect((await backend().getIssue(1)).title).toBe('one');
    expect(statuses()).toEqual([
      'GET /repos/canh/incidents/issues/1 500',
      'GET /repos/canh/incidents/issues/1 502',
      'GET /repos/canh/incidents/issues/1 200',
    ]);
    expect(notices).toEqual([
      'github: GET /repos/canh/incidents/issues/1 answered 500 Internal Server Error',
      'github: GET /repos/canh/incidents/issues/1 answered 502 Bad Gateway',
    ]);
    gh.requests.length = 0;
    gh.fail({ status: 503, method: 'PATCH' }, { drop: true });
    expect((await backend().updateIssue(1, { state: 'closed', stateReason: 'completed' })).state).toBe('closed');
    expect(statuses()).toEqual([
      'PATCH /repos/canh/incidents/issues/1 503',
      'PATCH /repos/canh/incidents/issues/1 drop',
      'PATCH /repos/canh/incidents/issues/1 200',
    ]);
  });

  it('a lasting 5xx is a retryable BackendError after four attempts', async () => {
    gh.fail(...Array.from({ length: 4 }, () => ({ status: 503 as const })));
    const error = await failure(backend().listIssues(['incident'], 'open'));
    expect(error.message).toBe(
      'github: listing open issues labelled incident in canh/incidents failed: 503 Server Error (4 attempts)',
    );
    expect([error.status, error.retryable, gh.requests.length]).toEqual([503, true, 4]);
  });

  it('never repeats creating an issue or a comment: the write may have happened', async () => {
    gh.fail({ afterEffect: true, status: 502 });
    const error = await failure(backend().createIssue({ title: 'Site A down', body: '', labels: [], assignees: [] }));
    expect(error.message).toBe(
      'github: creating an issue in canh/incidents failed: 502 Bad Gateway — it may have taken effect anyway; look before repeating it',
    );
    expect([error.status, error.retryable]).toEqual([502, true]);
    expect(gh.issues().map((i) => i.title)).toEqual(['one', 'Site A down']);
    expect(statuses()).toEqual(['POST /repos/canh/incidents/issues 502']);
    gh.fail({ drop: true });
    const dropped = await failure(backend().addComment(1, 'hi'));
    expect(dropped.message).toMatch(
      /^github: commenting on issue #1 in canh\/incidents failed: network error: .+ — it may have taken effect anyway; look before repeating it$/,
    );
    expect([dropped.status, dropped.retryable, gh.requests.length]).toEqual([null, true, 2]);
  });

  it('an after-effect 502 on an update is repeated and lands once', async () => {
    gh.fail({ afterEffect: true, status: 502, method: 'PATCH' });
    expect((await backend().updateIssue(1, { labels: ['x'] })).labels).toEqual(['x']);
    expect(statuses()).toEqual([
      'PATCH /repos/canh/incidents/issues/1 502',
      'PATCH /repos/canh/incidents/issues/1 200',
    ]);
  });

  it('a hanging server fails the call within the timeout, not repeated', async () => {
    gh.fail({ hang: true });
    const started = Date.now();
    const error = await failure(backend({ timeoutMs: 200 }).getIssue(1));
    expect(Date.now() - started).toBeGreaterThanOrEqual(195);
    expect(Date.now() - started).toBeLessThan(1000); // one attempt: the log below shows no repeat
    expect(error.message).toBe('github: reading issue #1 in canh/incidents failed: no answer within 200 ms');
    expect([error.status, error.retryable, statuses()]).toEqual([
      null,
      true,
      ['GET /repos/canh/incidents/issues/1 hang'],
    ]);
  });

  it('a bad token is a 401 that names the token, not retryable', async () => {
    const error = await failure(backend({ token: 'wrong' }).listIssues(['incident'], 'open'));
    expect(error.message).toBe(
      'github: listing open issues labelled incident in canh/incidents failed: 401 Bad credentials — is the token (GITHUB_TOKEN) set, valid and not expired?',
    );
    expect([error.status, error.retryable, gh.requests.length]).toEqual([401, false, 1]);
  });

  it('random faults are the same for the same seed, and retried writes never duplicate', async () => {
    const kinds: FaultKind[] = [
      'secondary-403',
      'secondary-429',
      'primary-403',
      '500',
      '502',
      '503',
      'drop',
      'after-effect',
    ];
    const trial = async () => {
      const server = await startFakeGithub();
      server.faults({ rate: 0.3, seed: 42, kinds });
      const b = createGithubBackend({
        apiUrl: server.url,
        repository: server.repository,
        token: server.token,
        timeoutMs: 300,
        throttle: { msPerSecond: 1, spaceWrites: false },
      });
      const outcomes: string[] = [];
      for (let i = 0; i < 12; i++) {
        await b.createIssue({ title: `t${i}`, body: '', labels: ['incident'], assignees: [] }).then(
          (issue) => outcomes.push(`#${issue.number}`),
          (e: BackendError) => outcomes.push(`${e.status}`),
        );
      }
      const listed = await b.listIssues(['incident'], 'open').catch((e: BackendError) => e.message);
      const result = {
        outcomes,
        log: server.requests.map((r) => r.status),
        titles: server.issues().map((i) => i.title),
        listed: typeof listed === 'string' ? listed : listed.length,
      };
      await server.close();
      return result;
    };
    const first = await trial();
    expect(await trial()).toEqual(first);
    expect(first.log.some((s) => s !== 201 && s !== 200)).toBe(true);
    expect(new Set(first.titles).size).toBe(first.titles.length);
  });
});
