/** Dates, numbers and text as Vietnamese readers expect them, in the deployment's time zone. Pure. */
import { localDateTime, localParts } from '../../checks/time/local-time.ts';

export type Lang = 'vi' | 'en';

/** `dd/mm/yyyy HH:mm` (Intl's vi-VN puts the time first; the convention here is date first). */
export function formatDateTime(instant: Date | string, timeZone: string): string {
  return localDateTime(new Date(instant), timeZone);
}

/** `dd/mm/yyyy`. */
export function formatDate(instant: Date | string, timeZone: string): string {
  const p = localParts(new Date(instant), timeZone);
  return `${p.day}/${p.month}/${p.year}`;
}

/** A local calendar date `yyyy-mm-dd` as `dd/mm/yyyy`. */
export function formatLocalDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** `99,95 %` in Vietnamese, `99.95%` in English; two decimals, never rounded up to 100 unless it is. */
export function formatPercent(share: number | null, lang: Lang): string {
  if (share === null) return lang === 'vi' ? 'chưa có số liệu' : 'no data';
  const text = formatShare(share, lang);
  return lang === 'vi' ? `${text} %` : `${text}%`;
}

/** The number of formatPercent without the sign (`99,95` / `99.95`): for table cells under a `(%)` heading. */
export function formatShare(share: number, lang: Lang): string {
  // The epsilon absorbs binary error (0.57 × 10 000 is 5 699.999…): a share floors to what it is, not one step below.
  const text = (Math.floor(share * 10_000 + 1e-6) / 100).toFixed(2);
  return lang === 'vi' ? text.replace('.', ',') : text;
}

const countFormats = new Map<Lang, Intl.NumberFormat>();
/** `10.000` / `10,000`: counts of sites and results. */
export function formatCount(n: number, lang: Lang): string {
  let format = countFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 0 });
    countFormats.set(lang, format);
  }
  return format.format(n);
}

/** "5 phút trước" / "5 minutes ago", from whole minutes. */
export function formatAgo(minutes: number, lang: Lang): string {
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  if (minutes < 60) return format.format(-Math.max(0, Math.round(minutes)), 'minute');
  if (minutes < 48 * 60) return format.format(-Math.round(minutes / 60), 'hour');
  return format.format(-Math.round(minutes / 1440), 'day');
}

let collator: Intl.Collator | undefined;
/**
 * Vietnamese alphabetical order (Đ after D, tones in order), numbers by value: "Sở Y tế 2" before
 * "Sở Y tế 10", as a national registry numbers its portals.
 */
export function compareVietnamese(a: string, b: string): number {
  collator ??= new Intl.Collator('vi', { numeric: true }); // made on first use: the browser script imports this module too
  return collator.compare(a, b);
}

/** For diacritic-insensitive search: "Đà Nẵng" → "da nang". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
