import type { InternalIncident, IssueRef, Kind, PublicIncident, Severity } from '../../checks/schemas/incident.ts';

/**
 * Open incidents for responders: the internal record (issue, responders, evidence) joined with the
 * public one, which holds the state, severity and start. Worst severity first, then oldest. Pure.
 */

export interface OpenIncidentRow {
  readonly id: string;
  readonly siteId: string;
  readonly siteName: string;
  readonly kind: Kind;
  readonly severity: Severity;
  readonly startedAt: string;
  readonly acknowledged: boolean;
  readonly responders: readonly string[];
  readonly issue: IssueRef | null;
  /** The issue's address when it is a web page (github); null for the local backend's files. */
  readonly issueHref: string | null;
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { critical: 0, major: 1, minor: 2, warning: 3 };

/** An issue link only for an http(s) URL: the local backend's `url` is a file path in the data dir. */
export function issueHref(issue: IssueRef | null): string | null {
  if (!issue) return null;
  try {
    const url = new URL(issue.url);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null; // not an absolute URL: a local file path
  }
}

/**
 * Incidents whose public record is `open`. An internal record without a public one is a writer's
 * bug or a half-written run; it is shown too (open, severity from its kind unknown: `warning`,
 * start from its log) so that nothing open is hidden from responders.
 */
export function openIncidents(
  internal: readonly InternalIncident[],
  published: readonly PublicIncident[],
  siteNames: ReadonlyMap<string, string>,
): OpenIncidentRow[] {
  const byId = new Map(published.map((p) => [p.id, p]));
  const rows: OpenIncidentRow[] = [];
  for (const incident of internal) {
    const record = byId.get(incident.id);
    if (record && record.state !== 'open') continue;
    rows.push({
      id: incident.id,
      siteId: incident.siteId,
      siteName: siteNames.get(incident.siteId) ?? incident.siteId,
      kind: incident.kind,
      severity: record?.severity ?? 'warning',
      startedAt: record?.startedAt ?? incident.log[0]?.at ?? '',
      acknowledged: incident.acknowledged,
      responders: incident.responders,
      issue: incident.issue,
      issueHref: issueHref(incident.issue),
    });
  }
  return rows.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      Date.parse(a.startedAt) - Date.parse(b.startedAt) ||
      (a.id < b.id ? -1 : 1),
  );
}
