import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import {
  bitString,
  boolean,
  explicit,
  implicitPrimitive,
  objectIdentifier,
  octetString,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from './der.ts';

/** A certificate and its private key, both PEM, ready for `tls.createServer({ cert, key })`. */
export interface IssuedCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  readonly der: Buffer;
  /** Encoded subject Name, reused as the issuer of certificates this one signs. */
  readonly subjectName: Buffer;
  readonly keyId: Buffer;
  readonly privateKey: KeyObject;
}

export interface CertificateRequest {
  readonly commonName: string;
  readonly organisation?: string;
  /** DNS names (wildcards allowed) and IP literals for the subjectAltName extension. */
  readonly altNames?: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly isCa?: boolean;
}

const OID = {
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organisation: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
} as const;

/**
 * Makes an EC P-256 certificate signed by `issuer`, or self-signed when `issuer` is omitted.
 * Generated at simulator start so that no key or certificate is ever committed, and so that
 * "expired" and "valid" are relative to the moment the tests run.
 */
export function issueCertificate(request: CertificateRequest, issuer?: IssuedCertificate): IssuedCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const keyId = createHash('sha256').update(spki).digest().subarray(0, 20);
  const subjectName = encodeName(request.commonName, request.organisation);
  const signatureAlgorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));

  const extensions = [
    extension(OID.basicConstraints, true, sequence(...(request.isCa ? [boolean(true)] : []))),
    // keyCertSign + cRLSign for a CA (bits 5, 6), digitalSignature (bit 0) for a server.
    extension(OID.keyUsage, true, request.isCa ? Buffer.of(0x03, 0x02, 0x01, 0x06) : Buffer.of(0x03, 0x02, 0x07, 0x80)),
    extension(OID.subjectKeyIdentifier, false, octetString(keyId)),
  ];
  if (issuer) extensions.push(extension(OID.authorityKeyIdentifier, false, sequence(implicitPrimitive(0, issuer.keyId))));
  if (!request.isCa) extensions.push(extension(OID.extKeyUsage, false, sequence(objectIdentifier(OID.serverAuth))));
  if (request.altNames && request.altNames.length > 0) {
    extensions.push(extension(OID.subjectAltName, false, sequence(...request.altNames.map(generalName))));
  }

  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f | 0x01; // positive and never zero
  const tbs = sequence(
    explicit(0, smallInteger(2)), // v3
    unsignedInteger(serial),
    signatureAlgorithm,
    issuer?.subjectName ?? subjectName,
    sequence(time(request.notBefore), time(request.notAfter)),
    subjectName,
    spki,
    explicit(3, sequence(...extensions)),
  );
  const signature = sign('sha256', tbs, issuer?.privateKey ?? privateKey); // DER-encoded ECDSA signature
  const der = sequence(tbs, signatureAlgorithm, bitString(signature));

  return {
    certPem: toPem('CERTIFICATE', der),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    der,
    subjectName,
    keyId,
    privateKey,
  };
}

function encodeName(commonName: string, organisation: string | undefined): Buffer {
  const rdns = [];
  if (organisation) rdns.push(set(sequence(objectIdentifier(OID.organisation), utf8String(organisation))));
  rdns.push(set(sequence(objectIdentifier(OID.commonName), utf8String(commonName))));
  return sequence(...rdns);
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return sequence(objectIdentifier(oid), ...(critical ? [boolean(true)] : []), octetString(value));
}

function generalName(name: string): Buffer {
  if (isIP(name) === 4) return implicitPrimitive(7, Buffer.from(name.split('.').map(Number)));
  if (isIP(name) !== 0) throw new Error(`certificates: only IPv4 literals are supported in altNames, got "${name}"`);
  return implicitPrimitive(2, Buffer.from(name, 'ascii')); // dNSName, an IA5String
}

function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
