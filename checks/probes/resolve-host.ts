import type { DnsResult } from '../schemas/status.ts';
import { isIpLiteral, stripBrackets } from '../net/address-policy.ts';

/** The part of `dns.promises.Resolver` a probe needs; injected so tests can point it at a local server. */
export interface DnsResolver {
  resolve4(hostname: string): Promise<string[]>;
  resolve6(hostname: string): Promise<string[]>;
  resolveCname(hostname: string): Promise<string[]>;
}

const TIMEOUT_CODES = new Set(['ETIMEOUT', 'ETIMEDOUT']);

/** Runs a lookup when a slot is free; see run/limiter.ts. */
export type LookupSlots = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * Resolves A, AAAA and CNAME in parallel and times it. Never throws: a failure is a DnsResult whose
 * `error` holds the resolver's code (ENOTFOUND, ESERVFAIL, ETIMEOUT, ...). IP literals skip DNS.
 * With `slots`, the lookup (and its clock and timeout) starts only when a slot is free.
 */
export async function resolveHost(
  hostname: string,
  resolver: DnsResolver,
  timeoutMs: number,
  slots?: LookupSlots,
): Promise<DnsResult> {
  const host = stripBrackets(hostname);
  if (isIpLiteral(host)) return { addresses: [host], cname: [], ms: 0, error: null };
  return slots ? slots(() => lookup(host, resolver, timeoutMs)) : lookup(host, resolver, timeoutMs);
}

async function lookup(host: string, resolver: DnsResolver, timeoutMs: number): Promise<DnsResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const lookups = Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host), resolver.resolveCname(host)]);
  const settled = await Promise.race([lookups, deadline]);
  clearTimeout(timer);
  const ms = round(performance.now() - started);
  if (settled === 'timeout') return { addresses: [], cname: [], ms, error: 'ETIMEOUT' };
  const [v4, v6, cname] = settled;
  const addresses = [...(v4.status === 'fulfilled' ? v4.value : []), ...(v6.status === 'fulfilled' ? v6.value : [])];
  const cnames = cname.status === 'fulfilled' ? cname.value : [];
  if (addresses.length > 0) return { addresses, cname: cnames, ms, error: null };
  // Prefer the A lookup's error: it is the one a browser would hit first.
  const failure = [v4, v6].find((r): r is PromiseRejectedResult => r.status === 'rejected');
  const code = String((failure?.reason as { code?: unknown })?.code ?? 'ENODATA');
  return { addresses: [], cname: cnames, ms, error: code };
}

export function isDnsTimeout(code: string): boolean {
  return TIMEOUT_CODES.has(code);
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
