import type { Site, SiteFile } from '../schemas/site.ts';
import { newSiteFile, splitList, type NewSiteFields } from './new-site.ts';
import { normaliseUrl } from './normalise-url.ts';
import { type Column, REQUIRED_COLUMNS, type RowProblem, type TableRow } from './site-table.ts';

export interface ImportRegistry {
  /** Every id with a file in `sites/`, valid or not: an import never writes over a file. */
  readonly ids: ReadonlySet<string>;
  /** The registry's valid sites. */
  readonly sites: readonly Site[];
  /** Keys of `groups` in config.yml. */
  readonly groups: readonly string[];
}

export interface ImportOptions {
  /** How the written files name where they came from, e.g. "cac-cong.csv". */
  readonly source: string;
  /** Directory the site files go in, as shown in messages, e.g. "data/sites". */
  readonly sitesDir: string;
  readonly allowPrivate: boolean;
}

export type ImportedRow =
  | {
      readonly row: number;
      readonly status: 'new';
      readonly id: string;
      readonly file: string;
      readonly content: string;
    }
  /** The registry already has this site with these fields: nothing to write. */
  | { readonly row: number; readonly status: 'unchanged'; readonly id: string; readonly file: string };

export interface ImportPlan {
  readonly rows: readonly ImportedRow[];
  /** Rejected rows (errors) and accepted rows' warnings, by row. */
  readonly problems: readonly RowProblem[];
}

/**
 * What importing `rows` into the registry does, decided before anything is written: each row is
 * new (its file content), unchanged (the registry has the same site with the same fields), or
 * rejected with its column and reason, by the registry's own rules (the site file schema, the URL
 * policy, the configured groups) and duplicates within the file and against the registry. A site
 * gets the id its URL gives (`siteIdForUrl`), made unique against the registry and earlier rows, so
 * importing the same file twice writes the same files once. Pure.
 */
export function planImport(rows: readonly TableRow[], registry: ImportRegistry, options: ImportOptions): ImportPlan {
  const planned: ImportedRow[] = [];
  const problems: RowProblem[] = [];
  const byUrl = new Map<string, Site>();
  for (const site of registry.sites) {
    const key = normaliseUrl(site.url);
    if (key !== undefined) byUrl.set(key, site);
  }
  const taken = new Set(registry.ids);
  const rowByUrl = new Map<string, number>();
  const reject = (row: number, column: string | undefined, message: string) =>
    problems.push({ row, severity: 'error', ...(column ? { column } : {}), message });

  for (const { row, cells } of rows) {
    const empty = REQUIRED_COLUMNS.filter((column) => !cells[column]);
    for (const column of empty) reject(row, column, 'is empty (required)');
    if (empty.length > 0) continue;
    const contacts = parseContacts(cells.contacts);
    if ('error' in contacts) {
      reject(row, 'contacts', contacts.error);
      continue;
    }
    const fields: NewSiteFields = {
      name: cells.name!,
      name_en: cells.name_en || undefined,
      agency: cells.agency!,
      group: cells.group!,
      url: cells.url!,
      responders: splitList(cells.responders).map((handle) => handle.replace(/^@/, '')),
      tags: splitList(cells.tags),
      contacts: contacts.value,
    };
    const key = normaliseUrl(fields.url);
    const invalid = `${JSON.stringify(fields.url)} is not a valid absolute URL such as "https://www.example.gov.vn/"`;
    if (key === undefined) {
      reject(row, 'url', invalid);
      continue;
    }
    const earlierRow = rowByUrl.get(key);
    if (earlierRow !== undefined) {
      reject(row, 'url', `the same site as row ${earlierRow}`);
      continue;
    }
    rowByUrl.set(key, row);
    const existing = byUrl.get(key);
    if (existing) {
      const differences = differingFields(existing, fields, cells.contacts !== undefined);
      if (differences.length === 0) planned.push({ row, status: 'unchanged', id: existing.id, file: existing.file });
      else
        reject(
          row,
          'url',
          `already registered in ${existing.file}, with another ${differences.join(', ')}: change that file instead`,
        );
      continue;
    }

    const made = newSiteFile(fields, {
      ids: taken,
      dir: options.sitesDir,
      comment: `Nhập từ ${options.source}, dòng ${row} (npm run sites -- import).\nImported from ${options.source}, row ${row}.`,
      groups: registry.groups,
      allowPrivate: options.allowPrivate,
    });
    if (made === undefined) {
      reject(row, 'url', invalid);
      continue;
    }
    const { id, file, content, check } = made;
    // One line per row, column and reason: two bad tags in a cell are one problem with the cell.
    const seen = new Set<string>();
    for (const p of check.problems) {
      const column = p.field ? columnOf(p.field) : undefined;
      const key = `${p.severity} ${column} ${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push({ row, severity: p.severity, ...(column ? { column } : {}), message: p.message });
    }
    if (check.problems.some((p) => p.severity === 'error')) continue;
    taken.add(id);
    planned.push({ row, status: 'new', id, file, content });
  }
  return { rows: planned, problems: problems.sort((a, b) => a.row - b.row) };
}

/** Fields of the table that differ between a registered site and a row for the same URL. */
function differingFields(site: Site, fields: NewSiteFields, withContacts: boolean): string[] {
  const same = (a: readonly unknown[], b: readonly unknown[] | undefined) =>
    JSON.stringify(a) === JSON.stringify(b ?? []);
  const differences: string[] = [];
  if (site.name !== fields.name) differences.push('name');
  if ((site.name_en ?? '') !== (fields.name_en ?? '')) differences.push('name_en');
  if (site.agency !== fields.agency) differences.push('agency');
  if (site.group !== fields.group) differences.push('group');
  if (!same(site.responders, fields.responders)) differences.push('responders');
  if (!same(site.tags, fields.tags)) differences.push('tags');
  if (withContacts && !same(site.contacts, fields.contacts)) differences.push('contacts');
  return differences;
}

/** A column of the table for a problem's field ("responders.0" → "responders"). */
function columnOf(field: string): Column | string {
  return field.split('.')[0]!;
}

/**
 * Contacts in one cell, one a line: `name | role | email | phone`, parts left empty as needed
 * (the form `export --with-contacts` writes).
 */
function parseContacts(cell: string | undefined): { value: SiteFile['contacts'] } | { error: string } {
  const value: SiteFile['contacts'] = [];
  for (const [index, line] of (cell ?? '').split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    const [name, role, email, phone, ...rest] = line.split('|').map((part) => part.trim());
    if (!name || rest.length > 0)
      return { error: `contact ${index + 1}: write "name | role | email | phone", parts empty as needed` };
    value.push({
      name,
      ...(role ? { role } : {}),
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
    });
  }
  return { value };
}

/** The cell `parseContacts` reads. */
export function contactsCell(contacts: SiteFile['contacts']): string {
  return contacts.map((c) => [c.name, c.role ?? '', c.email ?? '', c.phone ?? ''].join(' | ')).join('\n');
}
