import { formatLocalDate, type Lang } from './format.ts';

/**
 * Geometry of the response-time chart on a site's page: p50 and p95 per day as two SVG paths, a
 * y axis rounded up to a readable maximum, and a few date labels. Pure; the page draws it and puts
 * the same numbers in a table for anyone who cannot see it.
 */

export interface ChartDay {
  readonly date: string;
  readonly p50: number | null;
  readonly p95: number | null;
}

export interface ChartBox {
  readonly width: number;
  readonly height: number;
  /** Room for the axis labels: left, right, top, bottom. */
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export const DEFAULT_BOX: ChartBox = { width: 720, height: 220, left: 64, right: 12, top: 12, bottom: 28 };

export interface ResponseChart {
  readonly box: ChartBox;
  /** Top of the y axis in ms. */
  readonly yMax: number;
  readonly yTicks: readonly { readonly y: number; readonly label: string }[];
  readonly xLabels: readonly { readonly x: number; readonly label: string }[];
  /** SVG path data; a day without a value breaks the line, a lone day is a dot (`h0`, round caps). */
  readonly p50: string;
  readonly p95: string;
}

/** The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `value` (at least 100 ms). */
export function niceMax(value: number): number {
  const v = Math.max(100, value);
  const power = 10 ** Math.floor(Math.log10(v));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= v) return step * power;
  return 10 * power;
}

const msFormats = new Map<Lang, Intl.NumberFormat>();
/** `1.500 ms` / `1,500 ms`. (Formatters are cached: a site page formats 180 numbers, a build 1,000s of pages.) */
export function formatMs(ms: number, lang: Lang): string {
  let format = msFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 0 });
    msFormats.set(lang, format);
  }
  return `${format.format(ms)} ms`;
}

/** Null when no day has a response time. */
export function responseChart(
  days: readonly ChartDay[],
  lang: Lang,
  box: ChartBox = DEFAULT_BOX,
): ResponseChart | null {
  const values = days.flatMap((d) => [d.p50, d.p95]).filter((v): v is number => v !== null);
  if (values.length === 0) return null;
  const yMax = niceMax(Math.max(...values));
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  // Whole units: a pixel at the chart's size, and 180 points a page on 20,000 pages.
  const x = (i: number) => Math.round(box.left + (days.length === 1 ? plotW / 2 : (i * plotW) / (days.length - 1)));
  const y = (v: number) => Math.round(box.top + plotH * (1 - v / yMax));
  const path = (pick: (d: ChartDay) => number | null) => {
    const parts: string[] = [];
    days.forEach((d, i) => {
      const v = pick(d);
      if (v === null) return;
      const previous = i > 0 ? pick(days[i - 1]!) : null;
      const next = i < days.length - 1 ? pick(days[i + 1]!) : null;
      if (previous === null) parts.push(next === null ? `M${x(i)} ${y(v)}h0` : `M${x(i)} ${y(v)}`);
      else parts.push(`L${x(i)} ${y(v)}`);
    });
    return parts.join('');
  };
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => ({ y: y(f * yMax), label: formatMs(f * yMax, lang) }));
  const labelAt = [...new Set([0, Math.floor((days.length - 1) / 2), days.length - 1])];
  const xLabels = labelAt.map((i) => ({ x: x(i), label: formatLocalDate(days[i]!.date).slice(0, 5) }));
  return { box, yMax, yTicks, xLabels, p50: path((d) => d.p50), p95: path((d) => d.p95) };
}
