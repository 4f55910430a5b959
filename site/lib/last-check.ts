import { inertLine, IPV4 } from '../../checks/incidents/defang.ts';
import type { Lang } from './format.ts';

/**
 * What every run changes on a site's internal page, read in the browser from the site's status file
 * as the internal build copies it (`/status/<id>.json`, site/integration.mjs), for
 * site/scripts/last-check.ts: when it was checked, the timings, the DNS time, the body's size and
 * the response headers. The page's HTML leaves these out so that it stays the same from run to run
 * (lib/internal-site-view.ts). The file is read as untrusted JSON (its header values come from
 * monitored servers): anything not of the expected type is left out, and text is shown with
 * `textContent` only, after `plainLine`. Pure; it imports only types and checks/incidents/defang.ts (no public suffix list), so the script stays small.
 */

export interface LastCheckTimings {
  readonly dns: number | null;
  readonly connect: number | null;
  readonly tls: number | null;
  readonly ttfb: number | null;
  readonly total: number | null;
}

export interface LastCheckRun {
  readonly checkedAt: string | null;
  /** Null when no HTTP response arrived. */
  readonly timings: LastCheckTimings | null;
  readonly dnsMs: number | null;
  readonly bytes: number | null;
  /** Name and value, in the file's order. */
  readonly headers: readonly (readonly [string, string])[];
}

const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The per-run fields of a parsed status file; null when it is not an object. */
export function lastCheckRun(json: unknown): LastCheckRun | null {
  const status = record(json);
  if (!status) return null;
  const http = record(status.http);
  const timings = record(http?.timings);
  const dns = record(status.dns);
  const checkedAt =
    typeof status.checkedAt === 'string' && !Number.isNaN(Date.parse(status.checkedAt)) ? status.checkedAt : null;
  return {
    checkedAt,
    timings: http
      ? {
          dns: num(timings?.dns),
          connect: num(timings?.connect),
          tls: num(timings?.tls),
          ttfb: num(timings?.ttfb),
          total: num(timings?.total),
        }
      : null,
    dnsMs: num(dns?.ms),
    bytes: num(http?.bytes),
    headers: Object.entries(record(http?.headers) ?? {}).flatMap(([name, value]) =>
      typeof value === 'string' ? [[name, value] as const] : [],
    ),
  };
}

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
/**
 * `dd/mm/yyyy HH:mm` in `timeZone`, as lib/format.ts `formatDateTime` writes it on the pages; its own
 * copy so that this script shares no module with the public pages' script (a shared module becomes a
 * chunk every public page would fetch too).
 */
export function formatInstant(instant: string, timeZone: string): string {
  let format = dateTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateTimeFormats.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** `12,3 ms` / `12.3 ms`; `—` when there is no value. */
export function formatMs(value: number | null, lang: Lang): string {
  return value === null ? '—' : `${value.toLocaleString(locale(lang), { maximumFractionDigits: 1 })} ms`;
}

/** `123.456 byte` / `123,456 byte`; `—` when there is no value. */
export function formatBytes(value: number | null, lang: Lang): string {
  return value === null ? '—' : `${value.toLocaleString(locale(lang))} byte`;
}

/**
 * One line of hostile text made inert as lib/inert-text.ts `inertText` does (checks/incidents/defang.ts
 * `inertLine`), except that without the public suffix list (130 KB, not for a browser script) any
 * dotted name ending in two or more letters counts as a domain (`index.html` → `index[.]html`):
 * more defanging, never less.
 */
export function plainLine(text: string, maxLength: number): string {
  return inertLine(text, maxLength, (name) => /^www\./i.test(name) || IPV4.test(name) || /\.\p{L}{2,}$/u.test(name));
}
