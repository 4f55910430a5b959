import { barLevel, shiftDate, type BarDay, type BarLevel } from './day-bars.ts';
import { formatLocalDate, formatPercent, type Lang } from './format.ts';

/**
 * A group's 90 days (ministries, provinces, …): each day's checks summed over the group's sites. A
 * site's day is `ok` only when every check answered; over thousands of sites some check fails every
 * day, so a group's day is judged by the share answered instead, and says how many of its sites had
 * a disruption. Pure; also bundled into the browser script (decoding and tooltips).
 */

/** One day of a group: `uptime` is the share of all its sites' checks that answered. */
export interface GroupDay extends BarDay {
  /** Sites of the group with at least one unanswered check that day. */
  readonly disrupted: number;
}

/** At or above this share answered a group's day is `ok` (0.5 % is one site in 200 down all day). */
export const GROUP_OK_FROM = 0.995;
/** Below this share a group's day is a major disruption: one site in twenty down all day, or worse. */
export const GROUP_MAJOR_BELOW = 0.95;

export function groupBarLevel(day: Pick<BarDay, 'checks' | 'uptime'>): BarLevel {
  if (day.checks === 0 || day.uptime === null) return 'none';
  if (day.uptime >= GROUP_OK_FROM) return 'ok';
  return day.uptime >= GROUP_MAJOR_BELOW ? 'minor' : 'major';
}

/**
 * The group's days from its sites' days (every site has the same dates, oldest first, as the status
 * model makes them). A site's day counts as disrupted when its level is `minor` or `major`.
 */
export function groupDays(sites: readonly { readonly days: readonly BarDay[] }[]): GroupDay[] {
  const first = sites[0]?.days ?? [];
  return first.map((d, i) => {
    let checks = 0;
    let answered = 0;
    let disrupted = 0;
    for (const site of sites) {
      const day = site.days[i];
      if (!day || day.checks === 0 || day.uptime === null) continue;
      checks += day.checks;
      answered += Math.round(day.uptime * day.checks);
      const level = barLevel(day);
      if (level === 'minor' || level === 'major') disrupted += 1;
    }
    return { date: d.date, checks, uptime: checks === 0 ? null : answered / checks, disrupted };
  });
}

/** Share answered over all the days (checks-weighted); null with no checks. */
export function groupUptime(days: readonly GroupDay[]): number | null {
  let checks = 0;
  let answered = 0;
  for (const d of days) {
    if (d.uptime === null) continue;
    checks += d.checks;
    answered += Math.round(d.uptime * d.checks);
  }
  return checks === 0 ? null : answered / checks;
}

/**
 * Days oldest first as space-separated `answered/checks/disrupted` tokens, `checks` alone when every
 * check answered, `0` for no checks. The last token is `endDate` (decodeGroupDays).
 */
export function encodeGroupDays(days: readonly GroupDay[]): string {
  return days
    .map((d) => {
      const answered = d.uptime === null ? 0 : Math.round(d.uptime * d.checks);
      return d.checks === 0 || (answered === d.checks && d.disrupted === 0)
        ? String(d.checks)
        : `${answered}/${d.checks}/${d.disrupted}`;
    })
    .join(' ');
}

/** The inverse of encodeGroupDays, dating the last token `endDate` and each earlier one a day before. */
export function decodeGroupDays(encoded: string, endDate: string): GroupDay[] {
  const tokens = encoded.trim() === '' ? [] : encoded.trim().split(/\s+/);
  return tokens.map((token, i) => {
    const [first = '0', second, third] = token.split('/');
    const checks = Number(second ?? first);
    return {
      date: shiftDate(endDate, i - (tokens.length - 1)),
      checks,
      uptime: checks === 0 ? null : Number(first) / checks,
      disrupted: Number(third ?? 0),
    };
  });
}

/** `26/11/2026: 99,65 % lần kiểm tra được phản hồi; 12 cổng có gián đoạn`. */
export function groupDayTooltip(day: GroupDay, lang: Lang): string {
  const date = formatLocalDate(day.date);
  if (day.checks === 0 || day.uptime === null) return `${date}: ${lang === 'vi' ? 'chưa có số liệu' : 'no data'}`;
  const share = formatPercent(day.uptime, lang);
  if (lang === 'vi')
    return `${date}: ${share} lần kiểm tra được phản hồi; ${day.disrupted === 0 ? 'không cổng nào gián đoạn' : `${day.disrupted} cổng có gián đoạn`}`;
  return `${date}: ${share} of checks answered; ${day.disrupted === 0 ? 'no portal disrupted' : day.disrupted === 1 ? '1 portal disrupted' : `${day.disrupted} portals disrupted`}`;
}

/** The words for a group's strip: `90 ngày: 99,71 % lần kiểm tra được phản hồi; 3 ngày dưới 99,5 %`. */
export function groupSummary(days: readonly GroupDay[], lang: Lang): string {
  const uptime = groupUptime(days);
  const n = days.length;
  const span = lang === 'vi' ? `${n} ngày` : n === 1 ? '1 day' : `${n} days`;
  if (uptime === null) return `${span}: ${lang === 'vi' ? 'chưa có số liệu' : 'no data'}`;
  const below = days.filter((d) => {
    const level = groupBarLevel(d);
    return level === 'minor' || level === 'major';
  }).length;
  const threshold = formatPercent(GROUP_OK_FROM, lang);
  if (lang === 'vi')
    return `${span}: ${formatPercent(uptime, lang)} lần kiểm tra được phản hồi; ${below === 0 ? `không ngày nào dưới ${threshold}` : `${below} ngày dưới ${threshold}`}`;
  return `${span}: ${formatPercent(uptime, lang)} of checks answered; ${below === 0 ? `no day below ${threshold}` : below === 1 ? `1 day below ${threshold}` : `${below} days below ${threshold}`}`;
}
