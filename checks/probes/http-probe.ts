import { Agent, request } from 'undici';
import type { ProbeSettings } from '../schemas/config.ts';
import type { DnsResult, HttpResult, Reason, TlsResult } from '../schemas/status.ts';
import { classifyAddress, refusalMessage, stripBrackets, type AddressVerdict } from '../net/address-policy.ts';
import { toProbeError } from './classify-error.ts';
import { detectCharset } from './decode-body.ts';
import { createPinnedConnector, originKey, type ConnectionRecord, type ConnectorContext } from './pinned-connector.ts';
import { ProbeError } from './probe-error.ts';
import { readBody } from './read-body.ts';
import { isDnsTimeout, resolveHost, type DnsResolver, type LookupSlots } from './resolve-host.ts';

/** I/O a probe needs, injected so tests use local servers without module mocks. */
export interface ProbeDeps {
  readonly resolver: DnsResolver;
  /** Trusted roots for HTTPS: Node's bundled ones plus configured extras. */
  readonly ca: readonly string[];
  /** The run's clock, for certificate `daysLeft`. */
  readonly now: Date;
  /** Bounds DNS lookups in flight across all probes of a run (see run/limiter.ts). */
  readonly dnsSlots?: LookupSlots;
  /** Which addresses may be dialled when private ones are not allowed; tests narrow it, nothing else should. */
  readonly addressPolicy?: (address: string) => AddressVerdict;
  /** Counts page bytes against the run's budget (run/byte-budget.ts), and may make the read wait. */
  readonly chargeBytes?: (bytes: number) => Promise<void>;
  /** Gives bytes back to the run's budget when a page is dropped before its site's check ends. */
  readonly refundBytes?: (bytes: number) => void;
  /** Waits, before the attempt's clock starts, while the run's byte budget is spent. */
  readonly admit?: () => Promise<void>;
}

export interface ProbeRequest {
  readonly url: string;
  readonly settings: ProbeSettings;
  /** Off by default: refuse loopback, private and other special addresses (SSRF guard). */
  readonly allowPrivate: boolean;
  /** Extra request headers (user agent variants, referer) for later checks. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RawPage {
  readonly bytes: Buffer;
  /** WHATWG encoding name; decode with `decodeWith(bytes, charset)`. */
  readonly charset: string;
}

/** One attempt at fetching a URL: what was seen, and the failure if there was one. Never thrown. */
export interface ProbeAttempt {
  readonly failure: { reason: Reason; code: string; message: string } | null;
  /** Redirects followed, also when a later hop failed. */
  readonly redirects: HttpResult['redirects'];
  readonly dns: DnsResult | null;
  readonly http: HttpResult | null;
  readonly tls: TlsResult | null;
  /** The page as received (decompressed) and its charset, for content analysis; null when none was read. */
  readonly page: RawPage | null;
  readonly totalMs: number;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const KEPT_HEADERS = [
  'server',
  'content-type',
  'content-length',
  'content-encoding',
  'last-modified',
  'etag',
  'cache-control',
  'strict-transport-security',
  'content-security-policy',
  'x-frame-options',
  'x-powered-by',
  'location',
] as const;

/**
 * Fetches `url` following redirects by hand: every hop's host is resolved, checked against the SSRF
 * policy and pinned before a socket opens, and every hop's URL is validated. Timeouts: DNS, connect,
 * headers, and a total deadline that also bounds body reading.
 */
export async function probeUrl(req: ProbeRequest, deps: ProbeDeps): Promise<ProbeAttempt> {
  const { settings } = req;
  await deps.admit?.();
  const started = performance.now();
  const context: ConnectorContext = {
    pins: new Map(),
    connections: new Map(),
    connectTimeoutMs: settings.connect_timeout_ms,
    ca: deps.ca,
    now: deps.now,
  };
  const agent = new Agent({
    connect: createPinnedConnector(context),
    headersTimeout: settings.header_timeout_ms,
    bodyTimeout: settings.header_timeout_ms,
    keepAliveTimeout: 1_000,
  });
  const deadline = new AbortController();
  const timer = setTimeout(
    () =>
      deadline.abort(
        new ProbeError('timeout', 'TOTAL_TIMEOUT', `no complete response within ${settings.total_timeout_ms} ms`),
      ),
    settings.total_timeout_ms,
  );

  let firstDns: DnsResult | null = null;
  let current = new URL(req.url);
  const redirects: HttpResult['redirects'] = [];
  const visited = new Set<string>([withoutHash(current)]);
  let lastOrigin: string | null = null;
  let response: { status: number; headers: Record<string, string>; bytes: Buffer; ttfb: number } | null = null;

  try {
    for (;;) {
      const host = stripBrackets(current.hostname);
      const dns = await resolveHost(host, deps.resolver, settings.dns_timeout_ms, deps.dnsSlots);
      firstDns ??= dns;
      pinAddress(host, dns, req.allowPrivate ? null : (deps.addressPolicy ?? classifyAddress), context);
      lastOrigin = originKey(current.protocol, current.hostname, current.port);
      const requestStarted = performance.now();
      const res = await request(current, {
        dispatcher: agent,
        method: 'GET',
        headers: {
          'user-agent': settings.user_agent,
          'accept-encoding': 'gzip, deflate, br',
          accept: 'text/html,*/*;q=0.8',
          ...req.headers,
        },
        signal: deadline.signal,
      });
      // From the request leaving a ready socket (a fresh one, or one reused from an earlier hop) to the headers.
      const readyAt = context.connections.get(lastOrigin)?.readyAt ?? requestStarted;
      const ttfb = performance.now() - Math.max(requestStarted, readyAt);
      const headers = flattenHeaders(res.headers);
      const location = headers.location;
      if (REDIRECT_STATUSES.has(res.statusCode) && location !== undefined) {
        // Draining a redirect's body only frees the socket; a body that fails mid-way changes nothing.
        await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        redirects.push({ url: current.href, status: res.statusCode });
        current = nextHop(current, location, visited, redirects.length, settings.max_redirects);
        continue;
      }
      const bytes = await readBody(
        res.body,
        headers['content-encoding'],
        settings.max_body_bytes,
        deadline.signal,
        deps.chargeBytes,
        deps.refundBytes,
      );
      response = { status: res.statusCode, headers, bytes, ttfb };
      break;
    }
  } catch (error) {
    const failure =
      deadline.signal.aborted && !(error instanceof ProbeError && error.reason !== 'timeout')
        ? (deadline.signal.reason as ProbeError)
        : toProbeError(error);
    return finish({
      failure: { reason: failure.reason, code: failure.code, message: failure.message },
      page: null,
      http: null,
    });
  } finally {
    clearTimeout(timer);
    void agent.destroy().catch(() => undefined); // The attempt is judged already; a failing teardown has no result to change.
  }

  const charset = detectCharset(response.bytes, response.headers['content-type']);
  const record = context.connections.get(lastOrigin!);
  const totalMs = round(performance.now() - started);
  const http: HttpResult = {
    status: response.status,
    finalUrl: current.href,
    redirects,
    timings: {
      dns: firstDns?.ms ?? null,
      connect: record?.connectMs ?? null,
      tls: record?.tlsMs ?? null,
      ttfb: round(Math.max(0, response.ttfb)),
      total: totalMs,
    },
    headers: pick(response.headers),
    bytes: response.bytes.length,
    charset,
  };
  return {
    failure: null,
    redirects,
    dns: firstDns,
    http,
    tls: record?.tls ?? null,
    page: { bytes: response.bytes, charset },
    totalMs,
  };

  function finish(part: Pick<ProbeAttempt, 'failure' | 'page' | 'http'>): ProbeAttempt {
    const record: ConnectionRecord | undefined = lastOrigin ? context.connections.get(lastOrigin) : undefined;
    return { ...part, redirects, dns: firstDns, tls: record?.tls ?? null, totalMs: round(performance.now() - started) };
  }
}

/** Refuses special addresses (unless no policy applies) and pins the address the connector will dial. */
function pinAddress(
  host: string,
  dns: DnsResult,
  policy: ((address: string) => AddressVerdict) | null,
  context: ConnectorContext,
): void {
  if (dns.error !== null) {
    const reason = isDnsTimeout(dns.error) ? 'dns-timeout' : 'dns';
    throw new ProbeError(reason, dns.error, `could not resolve ${host}: ${dns.error}`);
  }
  if (policy) {
    for (const address of dns.addresses) {
      const verdict = policy(address);
      if (!verdict.allowed) {
        throw new ProbeError('blocked-address', 'BLOCKED_ADDRESS', refusalMessage(host, address, verdict.range));
      }
    }
  }
  // Prefer IPv4: many runners have no IPv6 route.
  context.pins.set(host, dns.addresses.find((a) => !a.includes(':')) ?? dns.addresses[0]!);
}

/** Validates a Location header and returns the next URL, or throws the redirect failure. */
function nextHop(current: URL, location: string, visited: Set<string>, hops: number, maxRedirects: number): URL {
  let next: URL;
  try {
    next = new URL(location, current);
  } catch (cause) {
    throw new ProbeError(
      'redirect-invalid',
      'INVALID_LOCATION',
      `redirect to an invalid URL: ${JSON.stringify(location.slice(0, 200))}`,
      { cause },
    );
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new ProbeError('redirect-invalid', 'UNSUPPORTED_SCHEME', `redirect to a non-HTTP(S) URL: ${next.protocol}`);
  }
  if (next.username || next.password) {
    throw new ProbeError('redirect-invalid', 'CREDENTIALS_IN_URL', 'redirect to a URL with a user name or password');
  }
  const key = withoutHash(next);
  if (visited.has(key)) throw new ProbeError('redirect-loop', 'REDIRECT_LOOP', `redirect loop back to ${key}`);
  if (hops > maxRedirects)
    throw new ProbeError('too-many-redirects', 'MAX_REDIRECTS', `more than ${maxRedirects} redirects`);
  visited.add(key);
  return next;
}

function withoutHash(url: URL): string {
  const copy = new URL(url);
  copy.hash = '';
  return copy.href;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function pick(headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers[name];
    if (value !== undefined) kept[name] = value.slice(0, 512);
  }
  return kept;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
