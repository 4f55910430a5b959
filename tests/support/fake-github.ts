import { once } from 'node:events';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom as random } from '../../checks/simulator/random.ts';

/**
 * A GitHub REST server on 127.0.0.1 for the issue endpoints Canh Gác uses, with GitHub's JSON
 * shapes, Link pagination, token auth and fault injection (queued or seeded-random) so the real
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
