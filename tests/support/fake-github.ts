import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom as random } from '../../checks/simulator/random.ts';

/**
 * A GitHub REST server on 127.0.0.1 for the issue endpoints Canh Gác uses (and, for the
 * registration workflow, git refs, file contents and pull requests on a tiny in-memory git), with
 * GitHub's JSON shapes, Link pagination, token auth and fault injection (queued or seeded-random) so the real
 * octokit client can be tested against rate limits, 5xx, hangs, dropped connections and writes
 * that happen although the answer says they failed.
 */

/** An error answer instead of doing the request. */
export interface StatusFault {
  /** 403/429 are rate limits when `secondary` or `rateLimitReset` is given (429 always is); a bare 403 is a permission error. */
  readonly status: 403 | 429 | 500 | 502 | 503;
  readonly retryAfterS?: number;
  readonly secondary?: boolean;
  /** Epoch seconds for `x-ratelimit-reset` (with `x-ratelimit-remaining: 0`): a primary rate limit. */
  readonly rateLimitReset?: number;
}

/** One injected failure for the next matching request. */
export type Fault = (
  | StatusFault
  /** Never answers (until the client gives up or the server closes). */
  | { readonly hang: true }
  /** Destroys the connection without an answer: a network error on the client. */
  | { readonly drop: true }
  /** Performs the request, then answers with this error: the client thinks it failed, but it happened. */
  | { readonly afterEffect: true; readonly status: 500 | 502 | 503 }
) & {
  /** Only requests with this method and/or a path (no query) matching this; default any. */
  readonly method?: string;
  readonly path?: RegExp;
};

export type FaultKind =
  | 'secondary-403'
  | 'secondary-429'
  | 'primary-403'
  | '500'
  | '502'
  | '503'
  | 'hang'
  | 'drop'
  | 'after-effect';
export const FAULT_KINDS: readonly FaultKind[] = [
  'secondary-403',
  'secondary-429',
  'primary-403',
  '500',
  '502',
  '503',
  'hang',
  'drop',
  'after-effect',
];

export interface RandomFaults {
  /** Chance, 0..1, that a request gets a fault. */
  readonly rate: number;
  readonly seed: number;
  /** Default: all of FAULT_KINDS. Rate limits ask for 1 s (retry-after or reset). */
  readonly kinds?: readonly FaultKind[];
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  assignees: string[];
  pull_request: boolean;
}
export interface FakeComment {
  id: number;
  body: string;
}
export interface FakeLabel {
  name: string;
  color: string;
  description: string;
}
/** A pull request's branches; its number, title, body and state live in its issue record, as on GitHub. */
export interface FakePull {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  head: string;
  base: string;
}
/** The head commit of a branch and every file in its tree. */
export interface FakeBranch {
  sha: string;
  /** The head commit's parent (null for a seeded branch) and message. */
  parent: string | null;
  message: string;
  files: Record<string, string>;
}
export interface LoggedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly path: string;
  /** The status answered, or how the request was left without one. */
  readonly status: number | 'hang' | 'drop';
  readonly fault: boolean;
}

export interface FakeGithub {
  /** Base URL for `apiUrl`, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly token: string;
  /** `owner/name`. */
  readonly repository: string;
  /** Queue faults; each is used by the first later request it matches. */
  fail(...faults: Fault[]): void;
  /** Random faults from a seeded generator (same seed and request order, same faults); null stops them. */
  faults(random: RandomFaults | null): void;
  /** Adds an issue (or, with `pull_request: true`, a pull request) directly. */
  seed(issue: Partial<Omit<FakeIssue, 'number'>>): FakeIssue;
  seedComments(number: number, bodies: readonly string[]): void;
  seedLabel(label: FakeLabel): void;
  issues(): FakeIssue[];
  comments(number: number): FakeComment[];
  labels(): FakeLabel[];
  /** Adds or replaces a branch whose head commit holds exactly `files` (path → text). */
  seedBranch(name: string, files: Readonly<Record<string, string>>): FakeBranch;
  /** A branch's head commit and files; undefined when there is no such branch. */
  branch(name: string): FakeBranch | undefined;
  pulls(): FakePull[];
  /** Workflows enabled through the API, in order (file names or ids). */
  enabledWorkflows(): string[];
  readonly requests: LoggedRequest[];
  close(): Promise<void>;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
const DOCS = 'https://docs.github.com/rest';
const problem = (status: number, message: string, extra: object = {}): Answer => ({
  status,
  body: { message, documentation_url: DOCS, status: String(status), ...extra },
});
const SECONDARY =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:FAKE.';

function faultOf(kind: FaultKind): Fault {
  const reset = Math.floor(Date.now() / 1000) + 1;
  switch (kind) {
    case 'secondary-403':
      return { status: 403, secondary: true, retryAfterS: 1 };
    case 'secondary-429':
      return { status: 429, secondary: true, retryAfterS: 1 };
    case 'primary-403':
      return { status: 403, rateLimitReset: reset };
    case '500':
      return { status: 500 };
    case '502':
      return { status: 502 };
    case '503':
      return { status: 503 };
    case 'hang':
      return { hang: true };
    case 'drop':
      return { drop: true };
    case 'after-effect':
      return { afterEffect: true, status: 502 };
  }
}

function faultAnswer(fault: StatusFault): Answer {
  const headers: Record<string, string> = {};
  if (fault.retryAfterS !== undefined) headers['retry-after'] = String(fault.retryAfterS);
  if (fault.rateLimitReset !== undefined)
    Object.assign(headers, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(fault.rateLimitReset) });
  if (fault.status === 403 || fault.status === 429) {
    const message =
      fault.secondary || (fault.status === 429 && headers['x-ratelimit-reset'] === undefined)
        ? SECONDARY
        : headers['x-ratelimit-reset']
          ? 'API rate limit exceeded for installation ID 1.'
          : 'Resource not accessible by integration';
    return { ...problem(fault.status, message), headers };
  }
  return { status: fault.status, body: { message: 'Server Error' }, headers };
}

/** Starts the fake on a random port; close it in teardown. */
export async function startFakeGithub(options: { token?: string; repository?: string } = {}): Promise<FakeGithub> {
  const token = options.token ?? 'test-token';
  const repository = options.repository ?? 'canh/incidents';
  const queue: Fault[] = [];
  let randomFaults: { rate: number; kinds: readonly FaultKind[]; next: () => number } | null = null;
  const issues = new Map<number, FakeIssue>();
  const comments = new Map<number, FakeComment[]>();
  const labels = new Map<string, FakeLabel>();
  const requests: LoggedRequest[] = [];
  const enabled: string[] = [];
  /** Commits by sha; a branch is a name pointing at one. */
  const commits = new Map<string, { parent: string | null; message: string; files: Map<string, string> }>();
  const branches = new Map<string, string>();
  const pulls = new Map<number, { head: string; base: string }>();
  let nextCommit = 1;
  let nextNumber = 1;
  let nextCommentId = 1;
  let base = '';

  const label = (name: string) => {
    if (![...labels.keys()].some((k) => k.toLowerCase() === name.toLowerCase()))
      labels.set(name, { name, color: 'ededed', description: '' });
  };
  const addIssue = (i: Partial<Omit<FakeIssue, 'number'>>): FakeIssue => {
    const issue: FakeIssue = {
      number: nextNumber++,
      title: 'untitled',
      body: '',
      state: 'open',
      state_reason: null,
      labels: [],
      assignees: [],
      pull_request: false,
      ...i,
    };
    issue.labels.forEach(label);
    issues.set(issue.number, issue);
    return issue;
  };
  const issueJson = (i: FakeIssue) => ({
    id: 1000 + i.number,
    number: i.number,
    html_url: `${base}/${repository}/${i.pull_request ? 'pull' : 'issues'}/${i.number}`,
    state: i.state,
    state_reason: i.state_reason,
    title: i.title,
    body: i.body,
    labels: i.labels.map((name) => ({ name, color: labels.get(name)?.color ?? 'ededed' })),
    assignees: i.assignees.map((login) => ({ login })),
    comments: comments.get(i.number)?.length ?? 0,
    ...(i.pull_request ? { pull_request: { url: `${base}/repos/${repository}/pulls/${i.number}` } } : {}),
  });
  const commit = (parent: string | null, message: string, files: Map<string, string>): string => {
    const sha = createHash('sha1').update(`commit ${nextCommit++}`).digest('hex');
    commits.set(sha, { parent, message, files });
    return sha;
  };
  const blobSha = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
  };
  const branchOf = (name: string): FakeBranch | undefined => {
    const sha = branches.get(name);
    const c = sha === undefined ? undefined : commits.get(sha);
    return sha === undefined || c === undefined
      ? undefined
      : { sha, parent: c.parent, message: c.message, files: Object.fromEntries(c.files) };
  };
  const refJson = (name: string) => ({
    ref: `refs/heads/${name}`,
    node_id: `REF_${name}`,
    url: `${base}/repos/${repository}/git/refs/heads/${name}`,
    object: {
      sha: branches.get(name)!,
      type: 'commit',
      url: `${base}/repos/${repository}/git/commits/${branches.get(name)}`,
    },
  });
  const [owner] = repository.split('/');
  const pullJson = (number: number) => {
    const i = issues.get(number)!;
    const p = pulls.get(number)!;
    return {
      id: 2000 + number,
      number,
      html_url: `${base}/${repository}/pull/${number}`,
      state: i.state,
      title: i.title,
      body: i.body,
      merged_at: null,
      head: { ref: p.head, label: `${owner}:${p.head}`, sha: branches.get(p.head) ?? null },
      base: { ref: p.base, label: `${owner}:${p.base}`, sha: branches.get(p.base) ?? null },
    };
  };
  const contentJson = (path: string, text: string) => ({
    type: 'file',
    encoding: 'base64',
    size: Buffer.byteLength(text),
    name: path.split('/').pop(),
    path,
    sha: blobSha(text),
    content: Buffer.from(text, 'utf8').toString('base64'),
  });
  /** GitHub's paging: `per_page` (default 30, at most 100), `page`, and a Link header keeping the query. */
  const paged = (url: URL, items: unknown[]): Answer => {
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (p: number, rel: string) => {
      const u = new URL(url.pathname + url.search, base);
      u.searchParams.set('page', String(p));
      return `<${u.href}>; rel="${rel}"`;
    };
    const rels = [
      ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
      ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : []),
    ];
    return {
      status: 200,
      body: items.slice((page - 1) * perPage, page * perPage),
      headers: rels.length ? { link: rels.join(', ') } : {},
    };
  };

  const route = (method: string, url: URL, body: Record<string, unknown>): Answer => {
    const prefix = `/repos/${repository}`;
    if (!url.pathname.startsWith(`${prefix}/`)) return problem(404, 'Not Found');
    const parts = url.pathname
      .slice(prefix.length + 1)
      .split('/')
      .map(decodeURIComponent);
    const [what, id, sub] = parts;
    const issue = id !== undefined ? issues.get(Number(id)) : undefined;
    // PUT /repos/{o}/{r}/actions/workflows/{file}/enable: keeps a scheduled workflow alive (60-day rule).
    if (what === 'actions' && id === 'workflows' && parts[3] === 'enable' && parts.length === 4 && method === 'PUT') {
      enabled.push(sub!);
      return { status: 204 };
    }
    if (what === 'issues' && parts.length === 1 && method === 'GET') {
      const state = url.searchParams.get('state') ?? 'open';
      const wanted = (url.searchParams.get('labels') ?? '').split(',').filter(Boolean);
      const found = [...issues.values()]
        .filter(
          (i) =>
            (state === 'all' || i.state === state) &&
            wanted.every((w) => i.labels.some((l) => l.toLowerCase() === w.toLowerCase())),
        )
        .sort((a, b) => b.number - a.number);
      return paged(url, found.map(issueJson));
    }
    if (what === 'issues' && parts.length === 1 && method === 'POST') {
      if (typeof body.title !== 'string' || body.title === '')
        return problem(422, 'Validation Failed', {
          errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }],
        });
      const created = addIssue({
        title: body.title,
        body: typeof body.body === 'string' ? body.body : '',
        labels: strings(body.labels),
        assignees: strings(body.assignees),
      });
      return { status: 201, body: issueJson(created) };
    }
    if (what === 'issues' && parts.length === 2) {
      if (!issue) return problem(404, 'Not Found');
      if (method === 'GET') return { status: 200, body: issueJson(issue) };
      if (method === 'PATCH') {
        const reason = body.state_reason;
        if (
          reason !== undefined &&
          reason !== null &&
          !['completed', 'not_planned', 'reopened', 'duplicate'].includes(String(reason))
        )
          return problem(422, 'Validation Failed', {
            errors: [{ resource: 'Issue', code: 'invalid', field: 'state_reason' }],
          });
        if (typeof body.title === 'string') issue.title = body.title;
        if (typeof body.body === 'string') issue.body = body.body;
        if (Array.isArray(body.labels)) {
          issue.labels = strings(body.labels);
          issue.labels.forEach(label);
        }
        // As on GitHub: the reason only counts when the state changes.
        if ((body.state === 'open' || body.state === 'closed') && body.state !== issue.state) {
          issue.state = body.state;
          issue.state_reason =
            body.state === 'closed' ? (typeof reason === 'string' ? reason : 'completed') : 'reopened';
        }
        return { status: 200, body: issueJson(issue) };
      }
    }
    if (what === 'issues' && parts.length === 3 && sub === 'comments') {
      if (!issue) return problem(404, 'Not Found');
      const list = comments.get(issue.number) ?? [];
      if (method === 'GET')
        return paged(
          url,
          list.map((c) => ({
            id: c.id,
            body: c.body,
            html_url: `${base}/${repository}/issues/${issue.number}#issuecomment-${c.id}`,
          })),
        );
      if (method === 'POST') {
        if (typeof body.body !== 'string')
          return problem(422, 'Validation Failed', {
            errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }],
          });
        const comment = { id: nextCommentId++, body: body.body };
        comments.set(issue.number, [...list, comment]);
        return { status: 201, body: comment };
      }
    }
    // Git refs: GET /git/ref/heads/<name>, POST /git/refs, PATCH /git/refs/heads/<name>. A ref's
    // slashes may come encoded (%2F) or not.
    if (what === 'git' && (id === 'ref' || id === 'refs') && parts.length > 2) {
      const ref = parts.slice(2).join('/');
      const name = ref.replace(/^heads\//, '');
      if (!ref.startsWith('heads/') || !branches.has(name)) return problem(404, 'Not Found');
      if (id === 'ref' && method === 'GET') return { status: 200, body: refJson(name) };
      if (id === 'refs' && method === 'PATCH') {
        const sha = String(body.sha ?? '');
        if (!commits.has(sha)) return problem(422, 'Object does not exist');
        let ancestor: string | null = sha;
        while (ancestor !== null && ancestor !== branches.get(name)) ancestor = commits.get(ancestor)?.parent ?? null;
        if (ancestor === null && body.force !== true) return problem(422, 'Update is not a fast forward');
        branches.set(name, sha);
        return { status: 200, body: refJson(name) };
      }
    }
    if (what === 'git' && id === 'refs' && parts.length === 2 && method === 'POST') {
      const ref = String(body.ref ?? '');
      const sha = String(body.sha ?? '');
      if (!/^refs\/heads\/./.test(ref)) return problem(422, 'Reference name must start with refs/');
      if (!commits.has(sha)) return problem(422, 'Object does not exist');
      const name = ref.slice('refs/heads/'.length);
      if (branches.has(name)) return problem(422, 'Reference already exists');
      branches.set(name, sha);
      return { status: 201, body: refJson(name) };
    }
    // Contents: GET /contents/<path>?ref=<branch>, PUT /contents/<path> (one commit per write).
    if (what === 'contents' && parts.length > 1) {
      const file = parts.slice(1).join('/');
      if (method === 'GET') {
        const name = url.searchParams.get('ref') ?? 'main';
        const text = branchOf(name)?.files[file];
        return text === undefined ? problem(404, 'Not Found') : { status: 200, body: contentJson(file, text) };
      }
      if (method === 'PUT') {
        const name = String(body.branch ?? 'main');
        const head = branches.get(name);
        if (head === undefined) return problem(404, `Branch ${name} not found`);
        if (typeof body.message !== 'string' || typeof body.content !== 'string')
          return problem(422, 'Invalid request.\n\n"message" and "content" are required.');
        const files = new Map(commits.get(head)!.files);
        const old = files.get(file);
        if (old !== undefined && body.sha !== blobSha(old))
          return problem(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
        if (old === undefined && body.sha !== undefined)
          return problem(409, `${file} does not match ${String(body.sha)}`);
        const text = Buffer.from(body.content, 'base64').toString('utf8');
        files.set(file, text);
        const sha = commit(head, body.message, files);
        branches.set(name, sha);
        return {
          status: old === undefined ? 201 : 200,
          body: { content: contentJson(file, text), commit: { sha, message: body.message } },
        };
      }
    }
    // Pull requests share the issues' numbers, as on GitHub.
    if (what === 'pulls' && parts.length === 1 && method === 'GET') {
      const state = url.searchParams.get('state') ?? 'open';
      const head = url.searchParams.get('head');
      const found = [...pulls.keys()]
        .filter((n) => state === 'all' || issues.get(n)!.state === state)
        .filter((n) => head === null || `${owner}:${pulls.get(n)!.head}` === head)
        .sort((a, b) => b - a);
      return paged(url, found.map(pullJson));
    }
    if (what === 'pulls' && parts.length === 1 && method === 'POST') {
      const head = String(body.head ?? '').replace(new RegExp(`^${owner}:`), '');
      const baseRef = String(body.base ?? '');
      if (typeof body.title !== 'string' || body.title === '')
        return problem(422, 'Validation Failed', {
          errors: [{ resource: 'PullRequest', code: 'missing_field', field: 'title' }],
        });
      if (!branches.has(head) || !branches.has(baseRef))
        return problem(422, 'Validation Failed', {
          errors: [{ resource: 'PullRequest', code: 'invalid', field: branches.has(head) ? 'base' : 'head' }],
        });
      const open = [...pulls].find(([n, p]) => p.head === head && issues.get(n)!.state === 'open');
      if (open)
        return problem(422, 'Validation Failed', {
          errors: [
            { resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${owner}:${head}.` },
          ],
        });
      const created = addIssue({
        title: body.title,
        body: typeof body.body === 'string' ? body.body : '',
        pull_request: true,
      });
      pulls.set(created.number, { head, base: baseRef });
      return { status: 201, body: pullJson(created.number) };
    }
    if (what === 'pulls' && parts.length === 2) {
      const number = Number(id);
      if (!pulls.has(number)) return problem(404, 'Not Found');
      const record = issues.get(number)!;
      if (method === 'GET') return { status: 200, body: pullJson(number) };
      if (method === 'PATCH') {
        if (typeof body.title === 'string') record.title = body.title;
        if (typeof body.body === 'string') record.body = body.body;
        if (body.state === 'open' || body.state === 'closed') record.state = body.state;
        return { status: 200, body: pullJson(number) };
      }
    }
    if (what === 'labels' && parts.length === 2 && method === 'GET') {
      const found = [...labels.values()].find((l) => l.name.toLowerCase() === id!.toLowerCase());
      return found ? { status: 200, body: found } : problem(404, 'Not Found');
    }
    if (what === 'labels' && parts.length === 1 && method === 'POST') {
      const name = String(body.name ?? '');
      if ([...labels.keys()].some((k) => k.toLowerCase() === name.toLowerCase()))
        return problem(422, 'Validation Failed', {
          errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
        });
      const created = { name, color: String(body.color ?? 'ededed'), description: String(body.description ?? '') };
      labels.set(name, created);
      return { status: 201, body: created };
    }
    return problem(404, 'Not Found');
  };

  const nextFault = (method: string, pathname: string): Fault | null => {
    const at = queue.findIndex(
      (f) => (f.method === undefined || f.method === method) && (f.path === undefined || f.path.test(pathname)),
    );
    if (at >= 0) return queue.splice(at, 1)[0]!;
    if (randomFaults && randomFaults.next() < randomFaults.rate)
      return faultOf(randomFaults.kinds[Math.floor(randomFaults.next() * randomFaults.kinds.length)]!);
    return null;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', base);
    const log = (status: LoggedRequest['status'], fault: boolean) =>
      requests.push({ method, path: url.pathname + url.search, status, fault });
    const send = (a: Answer) => {
      res.writeHead(a.status, {
        'content-type': 'application/json; charset=utf-8',
        'x-github-request-id': `FAKE:${requests.length}`,
        'x-ratelimit-remaining': '4999',
        ...a.headers,
      });
      res.end(a.body === undefined ? '' : JSON.stringify(a.body));
    };
    const fault = nextFault(method, url.pathname);
    if (fault && 'hang' in fault) return log('hang', true); // the client times out; close() drops the socket
    if (fault && 'drop' in fault) {
      log('drop', true);
      return req.socket.destroy();
    }
    if (fault && !('afterEffect' in fault)) {
      const a = faultAnswer(fault);
      log(a.status, true);
      return send(a);
    }
    const auth = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    let answer: Answer;
    if (auth !== token) answer = problem(401, 'Bad credentials');
    else {
      let body: Record<string, unknown> = {};
      try {
        if (chunks.length) body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        answer = problem(400, 'Problems parsing JSON');
      }
      answer ??= route(method, url, body);
    }
    if (fault) answer = { status: fault.status, body: { message: STATUS_CODES[fault.status] } };
    log(answer.status, fault !== null);
    send(answer);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    token,
    repository,
    fail: (...faults) => void queue.push(...faults),
    faults: (r) => {
      randomFaults = r && { rate: r.rate, kinds: r.kinds ?? FAULT_KINDS, next: random(r.seed) };
    },
    seed: addIssue,
    seedComments: (n, bodies) =>
      void comments.set(n, [...(comments.get(n) ?? []), ...bodies.map((body) => ({ id: nextCommentId++, body }))]),
    seedLabel: (l) => void labels.set(l.name, { ...l }),
    issues: () => [...issues.values()].map((i) => ({ ...i, labels: [...i.labels], assignees: [...i.assignees] })),
    comments: (n) => (comments.get(n) ?? []).map((c) => ({ ...c })),
    labels: () => [...labels.values()].map((l) => ({ ...l })),
    seedBranch: (name, files) => {
      branches.set(name, commit(null, `seed ${name}`, new Map(Object.entries(files))));
      return branchOf(name)!;
    },
    branch: branchOf,
    pulls: () =>
      [...pulls].map(([number, p]) => {
        const i = issues.get(number)!;
        return { number, title: i.title, body: i.body, state: i.state, head: p.head, base: p.base };
      }),
    enabledWorkflows: () => [...enabled],
    requests,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.map((v) => (typeof v === 'string' ? v : String((v as { name?: unknown }).name)))
    : [];
}
