import type { SiteFile } from '../../checks/schemas/site.ts';
import type { StatusFile } from '../../checks/schemas/status.ts';
import type { OpenIncidentRow } from './open-incidents.ts';
import type { Screenshots } from './screenshots.ts';
import type { CertificateRow } from './tls-calendar.ts';

/**
 * What the responders' section of a site page (components/internal/InternalSiteDetails.astro)
 * renders into the page's HTML: only what stays the same from run to run while the site's state
 * does not change. What every run changes (when it checked, the timings, the DNS time, the body's
 * size, the response headers) is not in it: the page shows those from the copied status file
 * (`/status/<id>.json`, site/integration.mjs) with a small script (site/scripts/last-check.ts).
 * The page's `cacheKey` is a digest of this view and the public page data (data/page-paths.ts), so
 * an internal site page is rendered again only when something it shows changed. Pure.
 */

/** The status file without what changes every run (and without what the page does not show). */
export interface StableStatus {
  readonly state: StatusFile['state'];
  readonly reason: StatusFile['reason'];
  readonly error: StatusFile['error'];
  readonly attempts: number;
  readonly firstReason: StatusFile['firstReason'];
  readonly url: string;
  readonly http: {
    readonly status: number;
    readonly finalUrl: string;
    readonly redirects: NonNullable<StatusFile['http']>['redirects'];
    readonly charset: string | null;
  } | null;
  /** The certificate as the check saw it, less `daysLeft` (the page counts days from the build's clock). */
  readonly tls: Omit<NonNullable<StatusFile['tls']>, 'daysLeft'> | null;
  readonly dns: {
    readonly addresses: readonly string[];
    readonly cname: readonly string[];
    readonly error: string | null;
  } | null;
  /** Less `analysed` (what the judgement was computed from, not shown) and `excerpt` (the view's own field). */
  readonly defacement: Omit<NonNullable<StatusFile['defacement']>, 'analysed' | 'excerpt'> | null;
}

export interface InternalSiteView {
  readonly timeZone: string;
  /** Null when the site has not been checked yet. */
  readonly status: StableStatus | null;
  /** The registered URL (a link), when the site is in the registry. */
  readonly siteUrl: string | null;
  readonly contacts: SiteFile['contacts'];
  readonly responders: readonly string[];
  readonly incidents: readonly OpenIncidentRow[];
  readonly shots: Screenshots;
  /** Urgency and whole days left from the build's clock: changes once a day at most. */
  readonly certificate: CertificateRow | null;
  readonly excerpt: NonNullable<StatusFile['defacement']>['excerpt'] | null;
}

/**
 * The fields of a status file the stable part shows, in a fixed order: two status files from runs
 * that saw the same site the same way give equal (and equally serialised) results.
 */
export function stableStatus(status: StatusFile): StableStatus {
  const { http, tls, dns, defacement } = status;
  return {
    state: status.state,
    reason: status.reason,
    error: status.error,
    attempts: status.attempts,
    firstReason: status.firstReason,
    url: status.url,
    http: http && { status: http.status, finalUrl: http.finalUrl, redirects: http.redirects, charset: http.charset },
    tls: tls && {
      subject: tls.subject,
      sans: tls.sans,
      issuer: tls.issuer,
      validFrom: tls.validFrom,
      validTo: tls.validTo,
      fingerprint: tls.fingerprint,
      protocol: tls.protocol,
      error: tls.error,
    },
    dns: dns && { addresses: dns.addresses, cname: dns.cname, error: dns.error },
    defacement: defacement && {
      verdict: defacement.verdict,
      score: defacement.score,
      signals: defacement.signals,
      baseline: defacement.baseline,
      ...(defacement.baselineLost ? { baselineLost: defacement.baselineLost } : {}),
    },
  };
}
