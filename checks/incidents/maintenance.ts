import type { Site } from '../schemas/site.ts';
import type { IssueSnapshot } from './backend.ts';

/**
 * When a maintenance issue says the work ends: the first ISO-8601 instant after a "Kết thúc" or
 * "Ends" heading or field (the issue template's field renders as a `### Kết thúc / Ends` section).
 * Null when none is given: the label alone then holds until it is removed or the issue closed.
 */
export function maintenanceEnd(body: string): Date | null {
  const match =
    /(?:kết thúc|ends?)\b[^\n]*?(?:\n\s*)*?(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))/iu.exec(
      body,
    );
  if (!match) return null;
  const end = new Date(match[1]!);
  return Number.isNaN(end.getTime()) ? null : end;
}

/**
 * Whether a site is under maintenance now: a window in its site file, or an open issue labelled
 * `maintenance` and `site:<id>` whose end time (if it gives one) has not passed.
 */
export function inMaintenance(site: Site, maintenanceIssues: readonly IssueSnapshot[], now: Date): boolean {
  const t = now.getTime();
  if (site.maintenance.some((w) => Date.parse(w.start) <= t && t < Date.parse(w.end))) return true;
  return maintenanceIssues.some((issue) => {
    if (!issue.labels.includes(`site:${site.id}`)) return false;
    const end = maintenanceEnd(issue.body);
    return end === null || t < end.getTime();
  });
}
