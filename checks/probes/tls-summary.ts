import type { DetailedPeerCertificate, PeerCertificate } from 'node:tls';
import type { TlsResult } from '../schemas/status.ts';

const DAY_MS = 86_400_000;

/** Reduces a peer certificate to what the status file keeps; `now` decides `daysLeft`. */
export function summariseCertificate(
  cert: PeerCertificate | DetailedPeerCertificate,
  protocol: string | null,
  error: string | null,
  now: Date,
): TlsResult {
  const validFrom = new Date(cert.valid_from);
  const validTo = new Date(cert.valid_to);
  return {
    subject: first(cert.subject?.CN),
    sans: parseSubjectAltNames(cert.subjectaltname),
    issuer: describeIssuer(cert.issuer),
    validFrom: validFrom.toISOString(),
    validTo: validTo.toISOString(),
    daysLeft: Math.floor((validTo.getTime() - now.getTime()) / DAY_MS),
    fingerprint: cert.fingerprint256,
    protocol,
    error,
  };
}

/** "DNS:a.gov.vn, IP Address:1.2.3.4" → ["a.gov.vn", "1.2.3.4"]. */
export function parseSubjectAltNames(raw: string | undefined): string[] {
  if (!raw) return [];
  return raw
    .split(',')
    .map((entry) => entry.trim().replace(/^(DNS|IP Address):/, ''))
    .filter((entry) => entry.length > 0);
}

function describeIssuer(issuer: PeerCertificate['issuer'] | undefined): string | null {
  if (!issuer) return null;
  const organisation = first(issuer.O);
  const commonName = first(issuer.CN);
  if (organisation && commonName && organisation !== commonName) return `${organisation} ${commonName}`;
  return organisation ?? commonName;
}

function first(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}
