/**
 * The dashboard's certificate calendar: every site whose last check saw a certificate, soonest
 * expiry first. Days left are counted from the build's clock (the status file's `daysLeft` is from
 * the check), the same way the probe counts them. Pure.
 */

export type CertificateUrgency = 'expired' | 'soon' | 'ok';

export interface CertificateInput {
  readonly id: string;
  readonly name: string;
  readonly tls: { readonly validTo: string; readonly issuer: string | null; readonly error: string | null } | null;
}

export interface CertificateRow {
  readonly id: string;
  readonly name: string;
  readonly validTo: string;
  /** Whole days from `now` to expiry, rounded down; negative once expired. */
  readonly daysLeft: number;
  readonly issuer: string | null;
  /** Why the certificate was rejected at the last check, if it was. */
  readonly error: string | null;
  /** `expired` once past `validTo`, `soon` under `warningDays` days left (the tls track's threshold). */
  readonly urgency: CertificateUrgency;
}

const DAY_MS = 86_400_000;

export function tlsCalendar(sites: readonly CertificateInput[], now: Date, warningDays: number): CertificateRow[] {
  const rows: CertificateRow[] = [];
  for (const site of sites) {
    if (!site.tls) continue;
    const remainingMs = Date.parse(site.tls.validTo) - now.getTime();
    const daysLeft = Math.floor(remainingMs / DAY_MS);
    const urgency: CertificateUrgency = remainingMs <= 0 ? 'expired' : daysLeft < warningDays ? 'soon' : 'ok';
    rows.push({
      id: site.id,
      name: site.name,
      validTo: site.tls.validTo,
      daysLeft,
      issuer: site.tls.issuer,
      error: site.tls.error,
      urgency,
    });
  }
  return rows.sort((a, b) => Date.parse(a.validTo) - Date.parse(b.validTo) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
