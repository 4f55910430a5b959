import type { StatusFile } from '../schemas/status.ts';

export interface TableRow {
  readonly id: string;
  readonly name: string;
  readonly status: StatusFile;
}

const STATE_ORDER = { down: 0, degraded: 1, up: 2 } as const;
const COLUMNS = ['SITE', 'NAME', 'STATE', 'REASON', 'TOTAL MS', 'TLS DAYS'] as const;

/**
 * A plain-text table of a run, worst first: down, degraded, then up, each by id. With more than
 * `maxRows` rows only the ones not up are listed, and a line says how many were left out.
 */
export function formatSummaryTable(rows: readonly TableRow[], maxRows = 100): string {
  const sorted = [...rows].sort((a, b) => STATE_ORDER[a.status.state] - STATE_ORDER[b.status.state] || a.id.localeCompare(b.id));
  const shown = sorted.length > maxRows ? sorted.filter((r) => r.status.state !== 'up').slice(0, maxRows) : sorted;
  const cells = shown.map((r) => [
    r.id,
    truncate(r.name, 40),
    r.status.state + (r.status.attempts > 1 ? '*' : ''),
    r.status.reason ?? '',
    r.status.http ? String(Math.round(r.status.http.timings.total)) : '',
    r.status.tls ? String(r.status.tls.daysLeft) : '',
  ]);
  const widths = COLUMNS.map((title, i) => Math.max(title.length, ...cells.map((row) => [...row[i]!].length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (i >= 4 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(COLUMNS), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
  if (shown.length < sorted.length) out.push(`… ${sorted.length - shown.length} more sites not shown (all up, or beyond ${maxRows} rows)`);
  if (rows.some((r) => r.status.attempts > 1)) out.push('* tested twice in this run: the first attempt failed');
  return out.join('\n');
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
