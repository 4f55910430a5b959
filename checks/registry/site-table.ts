import { parse } from 'csv-parse/sync';

/**
 * The spreadsheet form of the registry (`npm run sites -- import/export`): one row a site, a header
 * row naming the columns. Row numbers are the spreadsheet's: the header is row 1.
 */
export const REQUIRED_COLUMNS = ['name', 'url', 'agency', 'group'] as const;
export const OPTIONAL_COLUMNS = ['name_en', 'responders', 'tags', 'contacts'] as const;
export type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

export interface TableRow {
  /** As a spreadsheet numbers it: the header is row 1. */
  readonly row: number;
  /** Trimmed cells of the known columns; a column the file lacks is absent. */
  readonly cells: Partial<Record<Column, string>>;
}

export interface RowProblem {
  /** An error rejects its row (or, in the header, the file); a warning is said and the row goes on. */
  readonly severity: 'error' | 'warning';
  /** 1 is the header; 0 for the file as a whole. */
  readonly row: number;
  readonly column?: string;
  readonly message: string;
}

export interface SiteTable {
  readonly delimiter: ',' | ';';
  readonly rows: readonly TableRow[];
  /** Rows that could not be read, and what is wrong with the header (unknown columns are warnings: not imported). */
  readonly problems: readonly RowProblem[];
  /** A header without every required column: nothing can be imported. */
  readonly unusable: boolean;
}

/**
 * Reads a CSV as spreadsheets save it: UTF-8 with or without a BOM, comma or semicolon separated
 * (Excel in a Vietnamese or European locale writes semicolons; the header line tells which), CRLF or
 * LF, quoted cells with doubled quotes and line breaks. Rows with no content are skipped; a row the
 * parser cannot read is reported, not fatal.
 */
export function readSiteTable(text: string): SiteTable {
  const firstLine = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
  const problems: RowProblem[] = [];
  const records = parse(text, {
    bom: true,
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (!error) return;
      const row = (error as { records?: number }).records ?? 0;
      problems.push({ severity: 'error', row: row + 1, message: unreadable(error) });
    },
  }) as unknown as { record: string[]; info: { records: number } }[];

  const [header, ...body] = records;
  if (!header)
    return {
      delimiter,
      rows: [],
      problems: [{ severity: 'error', row: 0, message: 'the file is empty' }],
      unusable: true,
    };
  const names = header.record.map((cell) => cell.normalize('NFC').trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((column) => !names.includes(column));
  for (const column of missing)
    problems.push({
      severity: 'error',
      row: 1,
      column,
      message: `the header has no "${column}" column (required: ${REQUIRED_COLUMNS.join(', ')})`,
    });
  names.forEach((name, index) => {
    if (name === '' || COLUMNS.includes(name)) {
      if (names.indexOf(name) !== index && name !== '')
        problems.push({
          severity: 'error',
          row: 1,
          column: name,
          message: `column "${name}" appears twice in the header`,
        });
      return;
    }
    problems.push({
      severity: 'warning',
      row: 1,
      column: header.record[index],
      message: `unknown column "${header.record[index]}": not imported (columns: ${COLUMNS.join(', ')})`,
    });
  });
  // A header without every required column, or with one twice, leaves nothing to import.
  const unusable = problems.some((p) => p.row <= 1 && p.severity === 'error');

  const rows: TableRow[] = [];
  for (const { record, info } of body) {
    if (record.every((cell) => cell.trim() === '')) continue;
    const cells: Partial<Record<Column, string>> = {};
    names.forEach((name, index) => {
      if (COLUMNS.includes(name)) cells[name as Column] = (record[index] ?? '').normalize('NFC').trim();
    });
    if (record.length > names.length && record.slice(names.length).some((cell) => cell.trim() !== ''))
      problems.push({
        severity: 'error',
        row: info.records,
        message: `has ${record.length} cells but the header has ${names.length}: is a "${delimiter}" inside a cell without quotes?`,
      });
    else rows.push({ row: info.records, cells });
  }
  return { delimiter, rows, problems: problems.sort((a, b) => a.row - b.row), unusable };
}

function unreadable(error: Error): string {
  const code = (error as { code?: string }).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED')
    return 'a quote opened in this row is never closed: the rest of the file could not be read';
  return `cannot be read as CSV (${error.message})`;
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}
