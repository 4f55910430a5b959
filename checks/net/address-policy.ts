import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export interface AddressVerdict {
  readonly address: string;
  /** The ipaddr.js range name, e.g. `loopback`, `private`, `linkLocal`, `carrierGradeNat`, `uniqueLocal`. */
  readonly range: string;
  readonly allowed: boolean;
}

/**
 * Classifies one IP address for the SSRF guard. Only global unicast addresses are allowed:
 * loopback, RFC 1918, link-local (169.254.0.0/16, where cloud metadata lives), CGNAT, unique-local,
 * documentation, benchmarking, multicast, reserved and NAT64 prefixes are refused.
 * An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is judged by the IPv4 address it carries.
 */
export function classifyAddress(address: string): AddressVerdict {
  if (!ipaddr.isValid(address)) return { address, range: 'invalid', allowed: false };
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
    const inner = parsed.range();
    return { address, range: `ipv4Mapped:${inner}`, allowed: inner === 'unicast' };
  }
  const range = parsed.range();
  return { address, range, allowed: range === 'unicast' };
}

/**
 * True when `host` (a URL hostname, brackets allowed) is an IP literal rather than a name. Exact for
 * hostnames from the WHATWG URL parser, which has already rewritten 0x7f.1 and 2130706433 as
 * 127.0.0.1; node:net's check is about 100× cheaper than ipaddr.js's lenient parser.
 */
export function isIpLiteral(host: string): boolean {
  return isIP(stripBrackets(host)) !== 0;
}

export function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

const RANGE_WORDS: Record<string, string> = {
  loopback: 'loopback',
  private: 'private (RFC 1918)',
  linkLocal: 'link-local',
  carrierGradeNat: 'carrier-grade NAT',
  uniqueLocal: 'unique-local',
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  reserved: 'reserved or documentation',
  rfc6052: 'NAT64',
  rfc6145: 'IPv4-translated',
  invalid: 'invalid',
};

/** The guard's refusal, worded the same by the probes and the screenshot tier. */
export function refusalMessage(host: string, address: string, range: string): string {
  const what = address === host ? `${host} is` : `${host} resolves to ${address}, which is`;
  return `${what} in the ${describeRange(range)} range; refused by the SSRF guard`;
}

/** "linkLocal" → "link-local", "ipv4Mapped:private" → "IPv4-mapped private (RFC 1918)", for messages. */
export function describeRange(range: string): string {
  if (range.startsWith('ipv4Mapped:')) return `IPv4-mapped ${describeRange(range.slice('ipv4Mapped:'.length))}`;
  return RANGE_WORDS[range] ?? `special-purpose (${range})`;
}
