import { compareVietnamese } from './format.ts';

/**
 * Planned maintenance citizens should know about: windows of the site files (`maintenance:`) that are
 * under way or start within `horizonDays`. Pure: rows and a clock in.
 */

export interface MaintenanceNotice {
  readonly siteId: string;
  readonly name: string;
  readonly nameEn: string;
  readonly start: string;
  readonly end: string;
  readonly note: string | null;
  /** True when the window is under way at `now`. */
  readonly ongoing: boolean;
}

interface Row {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  readonly maintenance: readonly { readonly start: string; readonly end: string; readonly note?: string | undefined }[];
}

/** Under way first, then by start; same start by site name. */
export function maintenanceNotices(rows: readonly Row[], now: Date, horizonDays = 30): MaintenanceNotice[] {
  const t = now.getTime();
  const horizon = t + horizonDays * 86_400_000;
  const notices: MaintenanceNotice[] = [];
  for (const row of rows) {
    for (const w of row.maintenance) {
      const start = Date.parse(w.start);
      const end = Date.parse(w.end);
      if (end <= t || start > horizon) continue;
      notices.push({
        siteId: row.id,
        name: row.name,
        nameEn: row.nameEn,
        start: w.start,
        end: w.end,
        note: w.note ?? null,
        ongoing: start <= t,
      });
    }
  }
  return notices.sort(
    (a, b) =>
      Number(b.ongoing) - Number(a.ongoing) ||
      Date.parse(a.start) - Date.parse(b.start) ||
      compareVietnamese(a.name, b.name),
  );
}
