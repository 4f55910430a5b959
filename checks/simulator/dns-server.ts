import { createSocket, type RemoteInfo } from 'node:dgram';
import {
  AUTHORITATIVE_ANSWER,
  decode,
  encode,
  RECURSION_AVAILABLE,
  RECURSION_DESIRED,
  type Answer,
  type DecodedPacket,
  type Packet,
  type Question,
} from 'dns-packet';
import { classifyName, zoneOf } from './host-names.ts';

export interface DnsServer {
  readonly host: string;
  readonly port: number;
  /** Queries received, including the ones deliberately left unanswered. */
  queryCount(): number;
  close(): Promise<void>;
}

/** RFC 1035 response codes; dns-packet takes them as the low four bits of `flags`. */
const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4 } as const;
const OPCODE_MASK = 0x7800;

const TTL_SECONDS = 30;
/** Short negative caching, so a test that changes nothing still sees each NXDOMAIN fresh. */
const NEGATIVE_TTL_SECONDS = 5;

/** A query worth answering: decoded, not itself a response, with at least one question. */
export interface DnsQuery {
  readonly packet: DecodedPacket;
  /** The first question, as the client spelled it (case kept, so the answer echoes it). */
  readonly question: Question;
}

/** Decodes a datagram; `undefined` for anything malformed, a response, or a message without a question. */
export function decodeQuery(message: Buffer): DnsQuery | undefined {
  let packet: DecodedPacket;
  try {
    packet = decode(message);
  } catch {
    return undefined; // garbage on the socket is dropped, as before: there is nobody to report it to
  }
  const question = packet.questions?.[0];
  if (packet.type === 'response' || !question) return undefined;
  return { packet, question };
}

/**
 * Decides the answer to one query under the simulator's naming policy (see `classifyName`):
 * an authoritative response, or `undefined` for a name that is never answered.
 */
export function answerQuery(query: DnsQuery, zone: string, address: string): Packet | undefined {
  const { packet, question } = query;
  const { name, type } = question;
  const respond = (rcode: number, answers: Answer[] = [], authorities: Answer[] = []): Packet => ({
    type: 'response',
    id: packet.id ?? 0,
    // Opcode and RD copied from the query; recursion "available" because stub resolvers expect it.
    flags:
      ((packet.flags ?? 0) & (OPCODE_MASK | RECURSION_DESIRED)) | AUTHORITATIVE_ANSWER | RECURSION_AVAILABLE | rcode,
    questions: [{ name, type, class: question.class ?? 'IN' }],
    answers,
    authorities,
  });
  if (((packet.flags ?? 0) & OPCODE_MASK) !== 0) return respond(RCODE.NOTIMP);
  const soaZone = zoneOf(name, zone);
  const authority: Answer[] = soaZone
    ? [
        {
          type: 'SOA',
          name: soaZone,
          ttl: TTL_SECONDS,
          data: {
            mname: `ns.${soaZone}`,
            rname: `hostmaster.${soaZone}`,
            serial: 1,
            refresh: 3600,
            retry: 600,
            expire: 86400,
            minimum: NEGATIVE_TTL_SECONDS, // negative-caching TTL (RFC 2308)
          },
        },
      ]
    : [];
  const verdict = classifyName(name, zone);
  switch (verdict.kind) {
    case 'no-answer':
      return undefined;
    case 'servfail':
      return respond(RCODE.SERVFAIL);
    case 'nxdomain':
      return respond(RCODE.NXDOMAIN, [], authority);
    case 'alias': {
      const alias: Answer = { type: 'CNAME', name, ttl: TTL_SECONDS, data: verdict.target };
      if (type === 'A')
        return respond(RCODE.NOERROR, [alias, { type: 'A', name: verdict.target, ttl: TTL_SECONDS, data: address }]);
      return respond(RCODE.NOERROR, [alias]);
    }
    case 'address':
      if (type === 'A') return respond(RCODE.NOERROR, [{ type: 'A', name, ttl: TTL_SECONDS, data: address }]);
      return respond(RCODE.NOERROR, [], authority); // NODATA: the name exists, no record of this type (AAAA included)
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
    const query = decodeQuery(message);
    if (!query) return;
    const answer = answerQuery(query, options.zone, address);
    if (answer) socket.send(encode(answer), remote.port, remote.address);
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
