// @peculiar/x509 2.x resolves its algorithms through tsyringe, which throws at import time unless a
// Reflect metadata polyfill is loaded first; its README asks callers to bring one (1.x bundled it).
import 'reflect-metadata';
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  Name,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  X509CertificateGenerator,
  type Extension,
  type X509Certificate,
} from '@peculiar/x509';
import { KeyObject, type webcrypto } from 'node:crypto';
import { isIP } from 'node:net';

/** A certificate and its private key, both PEM, ready for `tls.createServer({ cert, key })`. */
export interface IssuedCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  readonly der: Buffer;
  /** The certificate as @peculiar/x509 holds it: its subject and key become the issuer of those it signs. */
  readonly certificate: X509Certificate;
  readonly privateKey: webcrypto.CryptoKey;
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

const SIGNING_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;

/**
 * Makes an EC P-256 certificate signed by `issuer`, or self-signed when `issuer` is omitted.
 * Generated at simulator start so that no key or certificate is ever committed, and so that
 * "expired" and "valid" are relative to the moment the tests run. Async because WebCrypto is.
 */
export async function issueCertificate(
  request: CertificateRequest,
  issuer?: IssuedCertificate,
): Promise<IssuedCertificate> {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const extensions: Extension[] = [
    new BasicConstraintsExtension(request.isCa ?? false, undefined, true),
    new KeyUsagesExtension(
      request.isCa ? KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign : KeyUsageFlags.digitalSignature,
      true,
    ),
    await SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  if (issuer) extensions.push(await AuthorityKeyIdentifierExtension.create(issuer.certificate.publicKey));
  if (!request.isCa) extensions.push(new ExtendedKeyUsageExtension([ExtendedKeyUsage.serverAuth]));
  if (request.altNames && request.altNames.length > 0) {
    extensions.push(
      new SubjectAlternativeNameExtension(
        request.altNames.map((value) => ({ type: isIP(value) === 0 ? 'dns' : 'ip', value })),
      ),
    );
  }

  const subject = subjectName(request.commonName, request.organisation);
  const certificate = await X509CertificateGenerator.create({
    subject,
    issuer: issuer?.certificate.subjectName ?? subject,
    notBefore: request.notBefore,
    notAfter: request.notAfter,
    publicKey: keys.publicKey,
    signingKey: issuer?.privateKey ?? keys.privateKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions,
  });

  return {
    certPem: certificate.toString('pem'),
    keyPem: KeyObject.from(keys.privateKey).export({ type: 'pkcs8', format: 'pem' }).toString(),
    der: Buffer.from(certificate.rawData),
    certificate,
    privateKey: keys.privateKey,
  };
}

/** O then CN, each a UTF8String (RFC 5280 4.1.2.4), whatever characters they hold. */
function subjectName(commonName: string, organisation: string | undefined): Name {
  return new Name([
    ...(organisation ? [{ O: [{ utf8String: organisation }] }] : []),
    { CN: [{ utf8String: commonName }] },
  ]);
}
