import type { Lang } from './format.ts';

/** How long an incident lasted (or has lasted so far): `2 giờ 15 phút` / `2 h 15 min`. Pure. */
export function formatDuration(fromIso: string, toIso: string, lang: Lang): string {
  const minutes = Math.max(0, Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const units = lang === 'vi' ? { d: 'ngày', h: 'giờ', m: 'phút' } : { d: 'd', h: 'h', m: 'min' };
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} ${units.d}`);
  if (hours > 0) parts.push(`${hours} ${units.h}`);
  if (days === 0 && (mins > 0 || parts.length === 0)) parts.push(`${mins} ${units.m}`);
  return parts.join(' ');
}
