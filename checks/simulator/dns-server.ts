import { createSocket, type RemoteInfo } from 'node:dgram';
import { classifyName, zoneOf } from './host-names.ts';
import { encodeResponse, parseQuery, RCODE, RRTYPE, type DnsAnswer, type DnsQuery, type DnsRecord } from './dns-message.ts';

export interface DnsServer {
  readonly host: string;
  readonly port: number;
  /** Queries received, including the ones deliberately left unanswered. */
  queryCount(): number;
  close(): Promise<void>;
}

const TTL_SECONDS = 30;
/** Short negative caching, so a test that changes nothing still sees each NXDOMAIN fresh. */
const NEGATIVE_TTL_SECONDS = 5;

/** Decides the answer to one query under the simulator's naming policy (see `classifyName`). */
export function answerQuery(query: DnsQuery, zone: string, address: string): DnsAnswer | undefined {
  const { name, type } = query.question;
  if ((query.flags & 0x7800) !== 0) return { rcode: RCODE.NOTIMP };
  const soaZone = zoneOf(name, zone);
  const authority: DnsRecord[] = soaZone
    ? [{ type: 'SOA', name: soaZone, ttl: TTL_SECONDS, mname: `ns.${soaZone}`, rname: `hostmaster.${soaZone}`, serial: 1, minimum: NEGATIVE_TTL_SECONDS }]
    : [];
  const verdict = classifyName(name, zone);
  switch (verdict.kind) {
    case 'no-answer':
      return undefined;
    case 'servfail':
      return { rcode: RCODE.SERVFAIL };
    case 'nxdomain':
      return { rcode: RCODE.NXDOMAIN, authority };
    case 'alias': {
      const alias: DnsRecord = { type: 'CNAME', name, ttl: TTL_SECONDS, target: verdict.target };
      if (type === RRTYPE.A) return { rcode: RCODE.NOERROR, answers: [alias, { type: 'A', name: verdict.target, ttl: TTL_SECONDS, address }] };
      return { rcode: RCODE.NOERROR, answers: [alias] };
    }
    case 'address':
      if (type === RRTYPE.A) return { rcode: RCODE.NOERROR, answers: [{ type: 'A', name, ttl: TTL_SECONDS, address }] };
      return { rcode: RCODE.NOERROR, authority }; // NODATA: the name exists, no record of this type (AAAA included)
  }
}

/**
 * A UDP DNS server on loopback answering for `zone` and `other-zone.test`, every address being
 * `address` (127.0.0.1). Point `dns.promises.Resolver#setServers` or the probe's `dns_servers` at it.
 */
export async function startDnsServer(options: { zone: string; host?: string; address?: string }): Promise<DnsServer> {
  const host = options.host ?? '127.0.0.1';
  const address = options.address ?? '127.0.0.1';
  // A benchmark's thousands of simultaneous lookups overflow the default ~200 KB receive buffer and
  // get dropped; the kernel caps this at net.core.rmem_max.
  const socket = createSocket({ type: 'udp4', recvBufferSize: 8 * 1024 * 1024, sendBufferSize: 8 * 1024 * 1024 });
  let queries = 0;
  socket.on('message', (message: Buffer, remote: RemoteInfo) => {
    queries += 1;
    const query = parseQuery(message);
    if (!query) return;
    const answer = answerQuery(query, options.zone, address);
    if (answer) socket.send(encodeResponse(query, answer), remote.port, remote.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  // A send to a client that went away must not crash the process that hosts the simulator.
  socket.on('error', () => {});
  const port = socket.address().port;
  return {
    host,
    port,
    queryCount: () => queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
