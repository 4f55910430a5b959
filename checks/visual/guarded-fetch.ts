import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import { classifyAddress, refusalMessage, stripBrackets, type AddressVerdict } from '../net/address-policy.ts';
import { readBody } from '../probes/read-body.ts';

/** Host name → its addresses, as the machine's resolver sees them (what a visitor's browser would use). */
export type HostLookup = (hostname: string) => Promise<string[]>;
export type AddressPolicy = (address: string) => AddressVerdict;

export interface GuardedFetchOptions {
  /** The engine's dangerous opt-in: let loopback and private addresses through (local test portals). */
  readonly allowPrivate: boolean;
  /** One request, redirects and body included. */
  readonly timeoutMs: number;
  /** Cap on one response body, decompressed. */
  readonly maxBytes?: number;
  readonly maxRedirects?: number;
  readonly lookup?: HostLookup;
  /** Which addresses may be dialled when private ones are not allowed; tests narrow it, nothing else should. */
  readonly addressPolicy?: AddressPolicy;
  /** Trusted roots when not Node's bundled ones (config's extra CA file). */
  readonly ca?: readonly string[];
}

export type FetchFailureReason =
  | 'blocked-scheme'
  | 'blocked-address'
  | 'dns'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'network';

export type GuardedResponse =
  | {
      readonly ok: true;
      readonly url: string;
      readonly status: number;
      readonly headers: Record<string, string>;
      readonly body: Buffer;
    }
  | {
      readonly ok: false;
      readonly url: string;
      readonly reason: FetchFailureReason;
      readonly code: string;
      readonly message: string;
    };

export interface GuardedRequest {
  readonly method?: 'GET' | 'HEAD';
  /** Request headers from the browser; only the ones a server needs to pick content are sent on. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface GuardedFetcher {
  /** Never throws for a site's failure: a refused address, DNS, timeout or network error is a `GuardedResponse` with `ok: false`. */
  fetch(url: string, init?: GuardedRequest): Promise<GuardedResponse>;
  /** Ends every connection at once, aborting requests still in flight. */
  close(): Promise<void>;
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const FORWARDED_HEADERS = new Set(['accept', 'accept-language', 'user-agent', 'referer', 'cookie']);
/** Headers that describe the wire, not the content: the body handed to the browser is already decoded. */
const DROPPED_RESPONSE_HEADERS = new Set([
  'content-encoding',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'alt-svc',
]);

/**
 * Fetches for the browser, from Node, under the engine's SSRF policy: each hop's host is resolved,
 * every address checked with `classifyAddress`, and the connection dials exactly the address that was
 * checked (the agent's lookup only answers from those pins), so a name that resolves differently the
 * second time (DNS rebinding) cannot reach an internal address. Redirects are followed here, each hop
 * checked, because a response handed to the browser cannot make it follow one itself.
 */
export function createGuardedFetch(options: GuardedFetchOptions): GuardedFetcher {
  const lookup = options.lookup ?? lookupAll;
  const policy = options.allowPrivate ? null : (options.addressPolicy ?? classifyAddress);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const resolved = new Map<string, Promise<string[]>>();
  const pins = new Map<string, string>();

  const agent = new Agent({
    connect: {
      timeout: options.timeoutMs,
      ...(options.ca ? { ca: [...options.ca] } : {}),
      // Called by net/tls.connect for names (never for IP literals, which `pin` checked already).
      lookup: ((hostname, lookupOptions, callback) => {
        const address = pins.get(hostname);
        if (address === undefined) {
          callback(
            new GuardError(
              'blocked-address',
              'NOT_CHECKED',
              `refusing to connect to ${hostname}: its address was not checked`,
            ),
            '',
          );
          return;
        }
        const family = isIP(address);
        if (lookupOptions.all) callback(null, [{ address, family } satisfies LookupAddress]);
        else callback(null, address, family);
      }) satisfies LookupFunction,
    },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    keepAliveTimeout: 2_000,
  });

  /** Resolves and checks `host`, and pins the address its connection will dial. */
  const pin = async (host: string, signal: AbortSignal): Promise<void> => {
    if (isIP(host) !== 0) {
      judge(host, host, policy);
      return;
    }
    let pending = resolved.get(host);
    if (!pending) {
      pending = lookup(host);
      resolved.set(host, pending); // One answer per host per page: the check and every dial agree.
    }
    let addresses: string[];
    try {
      addresses = await untilAborted(pending, signal);
    } catch (cause) {
      if (signal.aborted) throw cause;
      const code = String((cause as { code?: unknown }).code ?? 'ENOTFOUND');
      throw new GuardError('dns', code, `could not resolve ${host}: ${code}`, { cause });
    }
    if (addresses.length === 0) throw new GuardError('dns', 'ENODATA', `could not resolve ${host}: no addresses`);
    for (const address of addresses) judge(host, address, policy);
    // Prefer IPv4: many runners have no IPv6 route.
    pins.set(host, addresses.find((a) => isIP(a) === 4) ?? addresses[0]!);
  };

  const fetchOnce = async (startUrl: string, init: GuardedRequest, signal: AbortSignal): Promise<GuardedResponse> => {
    let current = parseHttpUrl(startUrl);
    let method = init.method ?? 'GET';
    const headers = forwardedHeaders(init.headers);
    for (let hop = 0; ; hop += 1) {
      await pin(stripBrackets(current.hostname), signal);
      const res = await request(current, { dispatcher: agent, method, headers, signal });
      const responseHeaders = flattenHeaders(res.headers);
      const location = responseHeaders.location;
      if (REDIRECT_STATUSES.has(res.statusCode) && location !== undefined) {
        // Draining a redirect's body only frees the socket; a body that fails mid-way changes nothing.
        await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        if (hop >= maxRedirects)
          throw new GuardError(
            'too-many-redirects',
            'TOO_MANY_REDIRECTS',
            `more than ${maxRedirects} redirects from ${startUrl}`,
          );
        const previous = current;
        current = parseHttpUrl(location, current);
        if (res.statusCode === 303) method = 'GET';
        carryCookies(headers, responseHeaders['set-cookie'], previous, current);
        continue;
      }
      const body =
        method === 'HEAD'
          ? Buffer.alloc(0)
          : await readBody(res.body, responseHeaders['content-encoding'], maxBytes, signal);
      for (const name of DROPPED_RESPONSE_HEADERS) delete responseHeaders[name];
      return { ok: true, url: current.href, status: res.statusCode, headers: responseHeaders, body };
    }
  };

  return {
    async fetch(url, init = {}) {
      const signal = AbortSignal.timeout(options.timeoutMs);
      try {
        return await fetchOnce(url, init, signal);
      } catch (error) {
        return { ok: false, url, ...describeFailure(error, signal, options.timeoutMs) };
      }
    },
    // destroy, not close: requests still in flight (a hanging image) belong to a page already captured.
    close: () => agent.destroy().catch(() => undefined), // Already destroyed: nothing left to close.
  };
}

/** A refused or failed request inside the guard; caught at its edge and returned as data. */
class GuardError extends Error {
  readonly reason: FetchFailureReason;
  readonly code: string;
  constructor(reason: FetchFailureReason, code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GuardError';
    this.reason = reason;
    this.code = code;
  }
}

function judge(host: string, address: string, policy: AddressPolicy | null): void {
  if (!policy) return;
  const verdict = policy(address);
  if (verdict.allowed) return;
  throw new GuardError('blocked-address', 'BLOCKED_ADDRESS', refusalMessage(host, address, verdict.range));
}

function parseHttpUrl(value: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(value, base);
  } catch (cause) {
    throw new GuardError('blocked-scheme', 'INVALID_URL', `not a valid URL: ${JSON.stringify(value.slice(0, 200))}`, {
      cause,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new GuardError('blocked-scheme', 'BLOCKED_SCHEME', `only http and https are fetched, not ${url.protocol}`);
  }
  return url;
}

/**
 * Portals behind load balancers and WAFs often set a cookie on a redirect and expect it on the next
 * hop, looping otherwise. The browser never sees those hops, so their cookies are carried here, within
 * one chain and only to the same host (no domain or path rules: this is not a cookie jar).
 */
function carryCookies(headers: Record<string, string>, setCookie: string | undefined, from: URL, to: URL): void {
  if (!setCookie || from.hostname !== to.hostname) return;
  const pairs = setCookie
    .split('\n')
    .map((line) => line.split(';')[0]!.trim())
    .filter((pair) => pair.includes('='));
  if (pairs.length === 0) return;
  headers.cookie = [headers.cookie, ...pairs].filter(Boolean).join('; ');
}

function forwardedHeaders(headers: Readonly<Record<string, string>> = {}): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (FORWARDED_HEADERS.has(name.toLowerCase())) kept[name.toLowerCase()] = value;
  kept['accept-encoding'] = 'gzip, deflate, br';
  return kept;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    // Playwright splits a fulfilled set-cookie on newlines; other repeated headers join with commas.
    flat[name] = Array.isArray(value) ? value.join(name === 'set-cookie' ? '\n' : ', ') : value;
  }
  return flat;
}

function describeFailure(
  error: unknown,
  signal: AbortSignal,
  timeoutMs: number,
): { reason: FetchFailureReason; code: string; message: string } {
  if (error instanceof GuardError) return { reason: error.reason, code: error.code, message: error.message };
  const code = String((error as { code?: unknown })?.code ?? 'UNKNOWN');
  if (
    signal.aborted ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return {
      reason: 'timeout',
      code: signal.aborted ? 'TOTAL_TIMEOUT' : code,
      message: `no complete response within ${timeoutMs} ms`,
    };
  }
  if ((error as { reason?: unknown })?.reason === 'too-large')
    return { reason: 'too-large', code: 'TOO_LARGE', message: (error as Error).message };
  // A refusal raised inside the agent's lookup comes back wrapped by net.connect.
  const cause = (error as { cause?: unknown })?.cause;
  if (cause instanceof GuardError) return { reason: cause.reason, code: cause.code, message: cause.message };
  return { reason: 'network', code, message: (error as Error)?.message ?? String(error) };
}

/** The OS resolver cannot be cancelled; the request's deadline still ends the wait for it. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

async function lookupAll(hostname: string): Promise<string[]> {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => a.address);
}
