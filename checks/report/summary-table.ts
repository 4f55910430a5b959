import type { StatusFile } from '../schemas/status.ts';

export interface TableRow {
  readonly id: string;
  readonly name: string;
  readonly status: StatusFile;
}

const STATE_ORDER = { down: 0, degraded: 1, up: 2 } as const;
const VERDICT_ORDER = { defaced: 0, suspected: 1, unknown: 2, clean: 3 } as const;
const COLUMNS = ['SITE', 'NAME', 'STATE', 'REASON', 'TOTAL MS', 'TLS DAYS', 'DEFACEMENT'] as const;

/**
 * A plain-text table of a run, worst first: defaced, suspected, then down, degraded, up, each by id. With more than
 * `maxRows` rows only the ones not up are listed, and a line says how many were left out.
 */
export function formatSummaryTable(rows: readonly TableRow[], maxRows = 100): string {
  const verdictRank = (r: TableRow) => VERDICT_ORDER[r.status.defacement?.verdict ?? 'clean'];
  const sorted = [...rows].sort(
    (a, b) =>
      verdictRank(a) - verdictRank(b) ||
      STATE_ORDER[a.status.state] - STATE_ORDER[b.status.state] ||
      a.id.localeCompare(b.id),
  );
  const needsLook = (r: TableRow) => r.status.state !== 'up' || verdictRank(r) < VERDICT_ORDER.clean;
  const shown = sorted.length > maxRows ? sorted.filter(needsLook).slice(0, maxRows) : sorted;
  const cells = shown.map((r) => [
    r.id,
    truncate(r.name, 40),
    r.status.state + (r.status.attempts > 1 ? '*' : ''),
    r.status.reason ?? '',
    r.status.http ? String(Math.round(r.status.http.timings.total)) : '',
    r.status.tls ? String(r.status.tls.daysLeft) : '',
    defacementCell(r.status),
  ]);
  const widths = COLUMNS.map((title, i) => Math.max(title.length, ...cells.map((row) => [...row[i]!].length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (i === 4 || i === 5 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(COLUMNS), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
  if (shown.length < sorted.length)
    out.push(`… ${sorted.length - shown.length} more sites not shown (all up, or beyond ${maxRows} rows)`);
  if (rows.some((r) => r.status.attempts > 1)) out.push('* tested twice in this run: the first attempt failed');
  return out.join('\n');
}

/** "defaced 98" / "suspected 35"; empty when clean or not analysed. */
function defacementCell(status: StatusFile): string {
  const d = status.defacement;
  return d && (d.verdict === 'defaced' || d.verdict === 'suspected') ? `${d.verdict} ${d.score}` : '';
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
