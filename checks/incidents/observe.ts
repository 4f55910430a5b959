import { scoreOf, verdictOf } from '../analysis/verdict.ts';
import type { Signal } from '../schemas/defacement.ts';
import type { Kind, Level, Suppression, Track } from '../schemas/incident.ts';
import type { StatusFile } from '../schemas/status.ts';

/** Something wrong that a responder can call a false positive, with the sentence that explains it. */
export interface Finding {
  readonly fingerprint: string;
  readonly detail: string;
}

/**
 * What one run says about one track: `good`, `unknown` (nothing learned: the page could not be
 * fetched, or our own check failed; counters stand still), or failing at a level.
 */
export type Observation =
  | { readonly outcome: 'good'; readonly findings: readonly Finding[] }
  | { readonly outcome: 'unknown'; readonly findings: readonly Finding[] }
  | { readonly outcome: 'failing'; readonly level: Level; readonly kind: Kind; readonly findings: readonly Finding[] };

const TLS_REASONS = new Set(['tls-expired', 'tls-untrusted', 'tls-hostname', 'tls']);
const DNS_REASONS = new Set(['dns', 'dns-timeout']);

const good: Observation = { outcome: 'good', findings: [] };
const unknown: Observation = { outcome: 'unknown', findings: [] };

export function signalFingerprint(signal: Signal): string {
  return `signal:${signal.kind}:${signal.url ?? 'home'}`;
}

/**
 * Reads a run's status as the three tracks see it, minus what responders suppressed. Pure.
 * A certificate failure is the tls track's alone (one incident, not also an outage); a failure of
 * Canh Gác itself (`internal`) is nobody's incident.
 */
export function observe(
  status: StatusFile,
  tlsWarningDays: number,
  suppressions: Readonly<Record<Track, readonly Suppression[]>>,
): Record<Track, Observation> {
  const suppressed = (track: Track) => new Set(suppressions[track].map((s) => s.fingerprint));
  return {
    availability: observeAvailability(status, suppressed('availability')),
    defacement: observeDefacement(status, suppressed('defacement')),
    tls: observeTls(status, tlsWarningDays, suppressed('tls')),
  };
}

function observeAvailability(status: StatusFile, suppressed: ReadonlySet<string>): Observation {
  if (status.state === 'up') return good;
  const reason = status.reason ?? 'internal';
  if (reason === 'internal' || TLS_REASONS.has(reason)) return unknown;
  const finding = { fingerprint: `reason:${reason}`, detail: status.error?.message ?? reason };
  // A responder said this failure is not real (e.g. the agency blocks foreign addresses): no information.
  if (suppressed.has(finding.fingerprint)) return { outcome: 'unknown', findings: [finding] };
  if (status.state === 'degraded')
    return { outcome: 'failing', level: 'degraded', kind: 'degraded', findings: [finding] };
  return { outcome: 'failing', level: 'down', kind: DNS_REASONS.has(reason) ? 'dns' : 'down', findings: [finding] };
}

function observeDefacement(status: StatusFile, suppressed: ReadonlySet<string>): Observation {
  const defacement = status.defacement;
  if (defacement === null || defacement.verdict === 'unknown') return unknown;
  const counted = defacement.signals.filter((s) => !suppressed.has(signalFingerprint(s)));
  const findings = counted.map((s) => ({ fingerprint: signalFingerprint(s), detail: s.detail }));
  // Suppressed signals are taken out and the verdict recomputed on what is left.
  const verdict = counted.length === defacement.signals.length ? defacement.verdict : verdictOf(scoreOf(counted));
  if (verdict === 'clean') return { outcome: 'good', findings };
  return { outcome: 'failing', level: verdict, kind: verdict, findings };
}

function observeTls(status: StatusFile, warningDays: number, suppressed: ReadonlySet<string>): Observation {
  const reason = status.reason;
  if (reason !== null && TLS_REASONS.has(reason)) {
    const finding = { fingerprint: `reason:${reason}`, detail: status.tls?.error ?? status.error?.message ?? reason };
    if (suppressed.has(finding.fingerprint)) return { outcome: 'unknown', findings: [finding] };
    return { outcome: 'failing', level: 'invalid', kind: 'tls', findings: [finding] };
  }
  const tls = status.tls;
  // Plain HTTP, or a failure before any handshake: nothing to say about the certificate.
  if (tls === null) return status.state === 'down' ? unknown : good;
  if (tls.daysLeft < warningDays) {
    const finding = {
      fingerprint: 'reason:tls-expiring',
      detail: `The certificate expires on ${tls.validTo.slice(0, 10)} (${Math.floor(tls.daysLeft)} days left).`,
    };
    if (suppressed.has(finding.fingerprint)) return { outcome: 'unknown', findings: [finding] };
    return { outcome: 'failing', level: 'expiring', kind: 'tls', findings: [finding] };
  }
  return good;
}
