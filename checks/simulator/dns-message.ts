/**
 * Just enough of the DNS wire format (RFC 1035) for a stub resolver's questions and an
 * authoritative server's answers: one question in, A/CNAME/SOA records out.
 */

export const RRTYPE = { A: 1, NS: 2, CNAME: 5, SOA: 6, AAAA: 28, OPT: 41 } as const;
export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

export interface DnsQuestion {
  /** As the client spelled it (case kept, so the answer echoes it), without a trailing dot. */
  readonly name: string;
  readonly type: number;
  readonly class: number;
}

export interface DnsQuery {
  readonly id: number;
  /** Header flags as sent; the answer copies the RD bit and the opcode from them. */
  readonly flags: number;
  readonly question: DnsQuestion;
}

export type DnsRecord =
  | { readonly type: 'A'; readonly name: string; readonly ttl: number; readonly address: string }
  | { readonly type: 'CNAME'; readonly name: string; readonly ttl: number; readonly target: string }
  | {
      readonly type: 'SOA';
      readonly name: string;
      readonly ttl: number;
      readonly mname: string;
      readonly rname: string;
      readonly serial: number;
      /** Negative-caching TTL (RFC 2308). */
      readonly minimum: number;
    };

export interface DnsAnswer {
  readonly rcode: number;
  readonly answers?: readonly DnsRecord[];
  readonly authority?: readonly DnsRecord[];
}

/** Reads the header and first question of a query; `undefined` for anything malformed. */
export function parseQuery(message: Buffer): DnsQuery | undefined {
  if (message.length < 12) return undefined;
  const id = message.readUInt16BE(0);
  const flags = message.readUInt16BE(2);
  const questionCount = message.readUInt16BE(4);
  if ((flags & 0x8000) !== 0 || questionCount < 1) return undefined; // a response, or no question
  const labels: string[] = [];
  let offset = 12;
  for (;;) {
    const length = message[offset];
    if (length === undefined || (length & 0xc0) !== 0) return undefined; // truncated, or compression in a question
    offset += 1;
    if (length === 0) break;
    if (offset + length > message.length) return undefined;
    labels.push(message.toString('latin1', offset, offset + length));
    offset += length;
  }
  if (offset + 4 > message.length) return undefined;
  return {
    id,
    flags,
    question: { name: labels.join('.'), type: message.readUInt16BE(offset), class: message.readUInt16BE(offset + 2) },
  };
}

/** Encodes the answer to `query`: authoritative, recursion "available" (stub resolvers expect it). */
export function encodeResponse(query: DnsQuery, answer: DnsAnswer): Buffer {
  const answers = answer.answers ?? [];
  const authority = answer.authority ?? [];
  const opcode = query.flags & 0x7800;
  const recursionDesired = query.flags & 0x0100;
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.id, 0);
  header.writeUInt16BE(0x8000 | opcode | 0x0400 | recursionDesired | 0x0080 | (answer.rcode & 0x0f), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  header.writeUInt16BE(authority.length, 8);
  header.writeUInt16BE(0, 10);
  const question = Buffer.alloc(4);
  question.writeUInt16BE(query.question.type, 0);
  question.writeUInt16BE(query.question.class, 2);
  return Buffer.concat([
    header,
    encodeName(query.question.name),
    question,
    ...answers.map(encodeRecord),
    ...authority.map(encodeRecord),
  ]);
}

function encodeName(name: string): Buffer {
  const parts: Buffer[] = [];
  for (const label of name.split('.')) {
    if (label === '') continue;
    const bytes = Buffer.from(label, 'latin1');
    if (bytes.length > 63) throw new RangeError(`DNS label longer than 63 bytes in "${name}"`);
    parts.push(Buffer.of(bytes.length), bytes);
  }
  parts.push(Buffer.of(0));
  return Buffer.concat(parts);
}

function encodeRecord(record: DnsRecord): Buffer {
  let type: number;
  let data: Buffer;
  switch (record.type) {
    case 'A':
      type = RRTYPE.A;
      data = Buffer.from(record.address.split('.').map(Number));
      break;
    case 'CNAME':
      type = RRTYPE.CNAME;
      data = encodeName(record.target);
      break;
    case 'SOA': {
      type = RRTYPE.SOA;
      const numbers = Buffer.alloc(20);
      // serial, refresh, retry, expire, minimum
      [record.serial, 3600, 600, 86400, record.minimum].forEach((value, index) => numbers.writeUInt32BE(value, index * 4));
      data = Buffer.concat([encodeName(record.mname), encodeName(record.rname), numbers]);
      break;
    }
  }
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(type, 0);
  fixed.writeUInt16BE(1, 2); // class IN
  fixed.writeUInt32BE(record.ttl, 4);
  fixed.writeUInt16BE(data.length, 8);
  return Buffer.concat([encodeName(record.name), fixed, data]);
}
