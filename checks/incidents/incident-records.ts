import type {
  InternalIncident,
  IssueRef,
  Kind,
  Level,
  PublicIncident,
  PublicKind,
  Severity,
  Track,
} from '../schemas/incident.ts';
import type { Site } from '../schemas/site.ts';
import type { StatusFile } from '../schemas/status.ts';
import type { Finding } from './observe.ts';

/**
 * The incident records the status site reads: public (what citizens may know) and internal (what
 * responders need), kept in separate files so the public build never sees the internal ones. Pure.
 */

const PUBLIC_KIND: Record<Level, PublicKind | null> = {
  degraded: 'degraded',
  down: 'outage',
  defaced: 'security',
  // Unconfirmed suspicion and a certificate that merely expires soon are not told to citizens.
  suspected: null,
  expiring: null,
  invalid: 'certificate',
};

const PUBLIC_TEXT: Record<PublicKind, { vi: string; en: string }> = {
  outage: { vi: 'không truy cập được', en: 'unavailable' },
  degraded: { vi: 'truy cập chậm', en: 'slow' },
  security: { vi: 'sự cố an toàn thông tin, đang khắc phục', en: 'security incident, being fixed' },
  certificate: { vi: 'lỗi chứng thư số (HTTPS)', en: 'certificate (HTTPS) error' },
};

const RANK: Record<PublicKind, number> = { degraded: 1, certificate: 2, outage: 3, security: 4 };

export function publicKindOf(level: Level): PublicKind | null {
  return PUBLIC_KIND[level];
}

function titles(site: Site, kind: PublicKind | null): { titleVi: string; titleEn: string } {
  const text = kind === null ? { vi: 'đang kiểm tra', en: 'under review' } : PUBLIC_TEXT[kind];
  return { titleVi: `${site.name}: ${text.vi}`, titleEn: `${site.name_en ?? site.name}: ${text.en}` };
}

export function openedPublic(
  id: string,
  site: Site,
  level: Level,
  severity: Severity,
  startedAt: string,
  now: Date,
): PublicIncident {
  const kind = publicKindOf(level);
  return {
    id,
    siteId: site.id,
    publicKind: kind,
    ...titles(site, kind),
    severity,
    state: 'open',
    startedAt,
    resolvedAt: null,
    updates:
      kind === null
        ? []
        : [
            {
              at: now.toISOString(),
              state: 'open',
              vi: `Phát hiện sự cố: ${PUBLIC_TEXT[kind].vi}.`,
              en: `Problem detected: ${PUBLIC_TEXT[kind].en}.`,
            },
          ],
  };
}

/** A level change: the public kind only ever rises (once told, a security incident stays one). */
export function releveledPublic(
  record: PublicIncident,
  site: Site,
  level: Level,
  severity: Severity,
  now: Date,
): PublicIncident {
  const next = publicKindOf(level);
  const kind =
    next !== null && (record.publicKind === null || RANK[next] > RANK[record.publicKind]) ? next : record.publicKind;
  const told = kind !== record.publicKind && kind !== null;
  return {
    ...record,
    publicKind: kind,
    ...titles(site, kind),
    severity,
    updates: told
      ? [
          ...record.updates,
          {
            at: now.toISOString(),
            state: 'open',
            vi: `Cập nhật: ${PUBLIC_TEXT[kind].vi}.`,
            en: `Update: ${PUBLIC_TEXT[kind].en}.`,
          },
        ]
      : record.updates,
  };
}

export function acknowledgedPublic(record: PublicIncident, now: Date): PublicIncident {
  if (record.publicKind === null) return record;
  return {
    ...record,
    updates: [
      ...record.updates,
      { at: now.toISOString(), state: 'open', vi: 'Đã tiếp nhận, đang xử lý.', en: 'Acknowledged; being handled.' },
    ],
  };
}

export function closedPublic(record: PublicIncident, state: 'resolved' | 'false-positive', now: Date): PublicIncident {
  const update =
    state === 'resolved'
      ? { at: now.toISOString(), state, vi: 'Đã hoạt động bình thường trở lại.', en: 'Back to normal.' }
      : {
          at: now.toISOString(),
          state,
          vi: 'Báo động nhầm: trang không gặp sự cố.',
          en: 'False alarm: the site was not affected.',
        };
  return {
    ...record,
    state,
    resolvedAt: now.toISOString(),
    updates: record.publicKind === null ? record.updates : [...record.updates, update],
  };
}

export interface InternalInput {
  readonly id: string;
  readonly site: Site;
  readonly track: Track;
  readonly kind: Kind;
  readonly status: StatusFile;
  readonly findings: readonly Finding[];
  readonly issue: IssueRef | null;
}

/** The internal record with the latest evidence; `log` carries over from the previous one. */
export function internalRecord(
  input: InternalInput,
  previous: InternalIncident | null,
  acknowledged: boolean,
): InternalIncident {
  const { status } = input;
  const timings = status.http?.timings;
  return {
    id: input.id,
    siteId: input.site.id,
    track: input.track,
    kind: input.kind,
    issue: input.issue ?? previous?.issue ?? null,
    responders: [...input.site.responders],
    reason: status.reason,
    error: status.error ? `${status.error.code}: ${status.error.message}` : null,
    signals: input.track === 'defacement' ? (status.defacement?.signals ?? []) : [],
    redirects: (status.http?.redirects ?? status.error?.redirects ?? []).map((r) => `${r.status} ${r.url}`),
    timingsMs: timings
      ? { dns: timings.dns, connect: timings.connect, tls: timings.tls, ttfb: timings.ttfb, total: timings.total }
      : {},
    acknowledged,
    log: previous?.log ?? [],
  };
}

export function logged(record: InternalIncident, now: Date, event: string, detail: string): InternalIncident {
  return { ...record, log: [...record.log, { at: now.toISOString(), event, detail }] };
}
