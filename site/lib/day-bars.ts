import { formatLocalDate, formatPercent, type Lang } from './format.ts';

/**
 * The 90 daily bars of a site, small enough for 1,000 sites on one page: a strip is one inline SVG
 * with at most one `<path>` per level (`barPaths`), not 90 elements, and the numbers behind the
 * tooltips travel once per site as a compact string (`encodeDays`) that the page's script decodes
 * (`decodeDays`). Pure; also bundled into the browser script, so it imports nothing heavier than format.ts.
 */

/** What a day looked like: `none` no checks, `ok` every check answered, `minor` ≥ 90 % answered, `major` less. */
export type BarLevel = 'none' | 'ok' | 'minor' | 'major';

/** A day as the bars need it; `uptime` is the share of checks that answered. */
export interface BarDay {
  /** Local date `yyyy-mm-dd`. */
  readonly date: string;
  readonly checks: number;
  readonly uptime: number | null;
}

/** Below this share a day is a major disruption (90 % is 2 h 24 min without an answer). */
export const MAJOR_BELOW = 0.9;

export function barLevel(day: Pick<BarDay, 'checks' | 'uptime'>): BarLevel {
  if (day.checks === 0 || day.uptime === null) return 'none';
  if (answeredOf(day) === day.checks) return 'ok';
  return day.uptime >= MAJOR_BELOW ? 'minor' : 'major';
}

/** One-letter CSS class per level (the colour; the height is in the geometry, see barPaths). */
export const LEVEL_CLASS = { none: 'n', ok: 'o', minor: 'm', major: 'x' } as const satisfies Record<BarLevel, string>;

/**
 * The strip's geometry in SVG user units: one unit per day across, BAR_BOX high. A bar's height says
 * its level as well as its colour does (colour alone would fail people who cannot tell them apart).
 */
export const BAR_BOX = 20;
export const BAR_HEIGHT = { ok: 20, minor: 14, major: 9, none: 3 } as const satisfies Record<BarLevel, number>;
/** Each day's slot is a dash of 0.8 then a gap of 0.2, so a run of same-level days is one line but still reads as bars. */
export const BAR_DASH = '.8 .2';

/** The SVG path of one level: `d` draws its runs of days as horizontal lines `width` thick, sitting on the bottom edge. */
export interface BarPath {
  readonly level: BarLevel;
  readonly width: number;
  readonly d: string;
}

/**
 * The strip as at most four paths (levels in a fixed order, empty levels left out): each run of
 * adjacent days of a level is one `M x y h n`, drawn with stroke width BAR_HEIGHT and dashed by
 * BAR_DASH. The dash pattern restarts at each subpath, and runs start on whole days, so every day
 * keeps its own slot [x, x + 1). `levelOf` is a site's day level by default (a group's: group-days.ts).
 */
export function barPaths<D extends Pick<BarDay, 'checks' | 'uptime'>>(
  days: readonly D[],
  levelOf: (day: D) => BarLevel = barLevel,
): BarPath[] {
  const runs = new Map<BarLevel, string>();
  for (let start = 0; start < days.length; ) {
    const level = levelOf(days[start]!);
    let end = start + 1;
    while (end < days.length && levelOf(days[end]!) === level) end += 1;
    runs.set(level, `${runs.get(level) ?? ''}M${start} ${BAR_BOX - BAR_HEIGHT[level] / 2}h${end - start}`);
    start = end;
  }
  return (['ok', 'minor', 'major', 'none'] as const).flatMap((level) => {
    const d = runs.get(level);
    return d === undefined ? [] : [{ level, width: BAR_HEIGHT[level], d }];
  });
}

function answeredOf(day: Pick<BarDay, 'checks' | 'uptime'>): number {
  return day.uptime === null ? 0 : Math.round(day.uptime * day.checks);
}

/**
 * Days oldest first as space-separated tokens: `288` (all 288 checks answered), `286/288`
 * (286 of 288), `0` (no checks). Dates are implied: the last token is `endDate` (see decodeDays).
 */
export function encodeDays(days: readonly Pick<BarDay, 'checks' | 'uptime'>[]): string {
  return days
    .map((d) => {
      const answered = answeredOf(d);
      return d.checks === 0 || answered === d.checks ? String(d.checks) : `${answered}/${d.checks}`;
    })
    .join(' ');
}

/** The inverse of encodeDays, dating the last token `endDate` (`yyyy-mm-dd`) and each earlier one a day before. */
export function decodeDays(encoded: string, endDate: string): BarDay[] {
  const tokens = encoded.trim() === '' ? [] : encoded.trim().split(/\s+/);
  return tokens.map((token, i) => {
    const [first = '0', second] = token.split('/');
    const checks = Number(second ?? first);
    const answered = Number(first);
    return {
      date: shiftDate(endDate, i - (tokens.length - 1)),
      checks,
      uptime: checks === 0 ? null : answered / checks,
    };
  });
}

/**
 * A local date `yyyy-mm-dd` moved by whole days (calendar arithmetic, no time zone involved).
 * Remembered per date and shift: a build asks it for every site and day (about a million times at
 * 10,000 sites, 3.5 s of a tick's internal build, profiled) and always of the same hundred dates.
 */
export function shiftDate(date: string, days: number): string {
  let byShift = shifted.get(date);
  if (byShift === undefined) {
    if (shifted.size >= MAX_REMEMBERED_DATES) shifted.clear();
    byShift = new Map();
    shifted.set(date, byShift);
  }
  let result = byShift.get(days);
  if (result === undefined) {
    result = new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    byShift.set(days, result);
  }
  return result;
}

const shifted = new Map<string, Map<number, string>>();
/** Bounds the memo in a long-lived process (the dev server): dates seen, each with its shifts. */
const MAX_REMEMBERED_DATES = 2_000;

/** The tooltip (and the slider's spoken value) of one bar: `05/02/2025: hoạt động 99,65 % (287/288 lần kiểm tra)`. */
export function dayTooltip(day: BarDay, lang: Lang): string {
  const date = formatLocalDate(day.date);
  if (day.checks === 0 || day.uptime === null) return `${date}: ${lang === 'vi' ? 'chưa có số liệu' : 'no data'}`;
  const answered = answeredOf(day);
  return lang === 'vi'
    ? `${date}: hoạt động ${formatPercent(day.uptime, lang)} (${answered}/${day.checks} lần kiểm tra)`
    : `${date}: up ${formatPercent(day.uptime, lang)} (${answered}/${day.checks} checks)`;
}
