import { barLevel, type BarDay } from './day-bars.ts';
import { formatPercent, type Lang } from './format.ts';

/**
 * The text that stands for a site's bars where a picture cannot: without the script, for screen
 * readers, and for anyone who cannot tell the bars' colours apart. Pure.
 */

/** Days on which at least one check went unanswered. */
export function disruptedDays(days: readonly BarDay[]): number {
  return days.filter((d) => {
    const level = barLevel(d);
    return level === 'minor' || level === 'major';
  }).length;
}

/** `90 ngày: 99,95 %; 2 ngày có gián đoạn` / `90 days: 99.95%; 2 days with disruptions`. */
export function uptimeSummary(days: readonly BarDay[], uptime: number | null, lang: Lang): string {
  const n = days.length;
  const measured = days.filter((d) => d.checks > 0).length;
  let span = lang === 'vi' ? `${n} ngày` : n === 1 ? '1 day' : `${n} days`;
  if (uptime === null) return `${span}: ${lang === 'vi' ? 'chưa có số liệu' : 'no data'}`;
  // A new site (or missed runs) must not read as 90 good days.
  if (measured < n)
    span +=
      lang === 'vi'
        ? ` (số liệu của ${measured} ngày)`
        : ` (data for ${measured === 1 ? '1 day' : `${measured} days`})`;
  const bad = disruptedDays(days);
  if (lang === 'vi')
    return `${span}: ${formatPercent(uptime, lang)}; ${bad === 0 ? 'không ngày nào gián đoạn' : `${bad} ngày có gián đoạn`}`;
  return `${span}: ${formatPercent(uptime, lang)}; ${bad === 0 ? 'no disruptions' : bad === 1 ? '1 day with disruptions' : `${bad} days with disruptions`}`;
}
