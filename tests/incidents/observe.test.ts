import { describe, expect, it } from 'vitest';
import { observe } from '../../checks/incidents/observe.ts';
import type { Suppression, Track } from '../../checks/schemas/incident.ts';
import type { StatusFile } from '../../checks/schemas/status.ts';

const base: StatusFile = {
  id: 'so-mau',
  checkedAt: '2026-11-25T01:00:00.000Z',
  state: 'up',
  reason: null,
  error: null,
  attempts: 1,
  firstReason: null,
  url: 'https://so-mau.example.org/',
  http: null,
  tls: {
    subject: 'so-mau',
    sans: [],
    issuer: 'CA',
    validFrom: '2026-01-01T00:00:00.000Z',
    validTo: '2027-01-01T00:00:00.000Z',
    daysLeft: 37,
    fingerprint: 'ab',
    protocol: 'TLSv1.3',
    error: null,
  },
  dns: null,
  defacement: null,
};
const none: Record<Track, Suppression[]> = { availability: [], defacement: [], tls: [] };
const suppress = (track: Track, fingerprint: string) => ({
  ...none,
  [track]: [{ fingerprint, since: base.checkedAt, issue: 3, absentRuns: 0 }],
});
const signal = (kind: 'gambling-spam' | 'title-change' | 'subpage-spam', weight: number, url?: string) => ({
  kind,
  weight,
  detail: kind,
  evidence: [],
  ...(url ? { url } : {}),
});

describe('observe', () => {
  it('reads an up site with a valid certificate as good on every track (detection off: defacement unknown)', () => {
    const o = observe(base, 14, none);
    expect([o.availability.outcome, o.defacement.outcome, o.tls.outcome]).toEqual(['good', 'unknown', 'good']);
  });

  it('calls DNS failures dns, other failures down, slow degraded; our own bug is nobody’s incident', () => {
    expect(observe({ ...base, state: 'down', reason: 'dns', tls: null }, 14, none).availability).toMatchObject({
      outcome: 'failing',
      level: 'down',
      kind: 'dns',
    });
    expect(observe({ ...base, state: 'down', reason: 'timeout', tls: null }, 14, none).availability).toMatchObject({
      outcome: 'failing',
      level: 'down',
      kind: 'down',
      findings: [{ fingerprint: 'reason:timeout' }],
    });
    expect(observe({ ...base, state: 'degraded', reason: 'slow' }, 14, none).availability).toMatchObject({
      outcome: 'failing',
      level: 'degraded',
      kind: 'degraded',
    });
    expect(observe({ ...base, state: 'down', reason: 'internal', tls: null }, 14, none).availability.outcome).toBe(
      'unknown',
    );
  });

  it('gives a certificate failure to the tls track alone, and warns under tls_warning_days', () => {
    const expired = observe({ ...base, state: 'down', reason: 'tls-expired' }, 14, none);
    expect([expired.availability.outcome, expired.tls]).toEqual([
      'unknown',
      expect.objectContaining({ outcome: 'failing', level: 'invalid', kind: 'tls' }),
    ]);
    expect(
      observe({ ...base, tls: { ...base.tls!, daysLeft: 9.5, validTo: '2026-12-04T12:00:00.000Z' } }, 14, none).tls,
    ).toEqual({
      outcome: 'failing',
      level: 'expiring',
      kind: 'tls',
      findings: [
        { fingerprint: 'reason:tls-expiring', detail: 'The certificate expires on 2026-12-04 (9 days left).' },
      ],
    });
  });

  it('takes suppressed signals out and judges what is left', () => {
    const status: StatusFile = {
      ...base,
      defacement: {
        verdict: 'defaced',
        score: 90,
        signals: [signal('gambling-spam', 70), signal('title-change', 20)],
        baseline: null,
      },
    };
    expect(observe(status, 14, none).defacement).toMatchObject({ outcome: 'failing', level: 'defaced' });
    expect(observe(status, 14, suppress('defacement', 'signal:gambling-spam:home')).defacement).toEqual({
      outcome: 'good',
      findings: [{ fingerprint: 'signal:title-change:home', detail: 'title-change' }],
    });
    const subpage: StatusFile = {
      ...base,
      defacement: {
        verdict: 'defaced',
        score: 70,
        signals: [signal('subpage-spam', 70, 'https://so-mau.example.org/x')],
        baseline: null,
      },
    };
    expect(observe(subpage, 14, none).defacement).toMatchObject({
      findings: [{ fingerprint: 'signal:subpage-spam:https://so-mau.example.org/x' }],
    });
  });

  it('makes a suppressed outage reason say nothing (unknown) rather than good', () => {
    expect(
      observe(
        { ...base, state: 'down', reason: 'connect-timeout', tls: null },
        14,
        suppress('availability', 'reason:connect-timeout'),
      ).availability.outcome,
    ).toBe('unknown');
  });
});
