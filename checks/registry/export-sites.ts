import { stringify } from 'csv-stringify/sync';
import type { Site } from '../schemas/site.ts';
import { contactsCell } from './import-sites.ts';
import { OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from './site-table.ts';

export interface ExportOptions {
  /** Adds the `contacts` column: internal data, for the operator's own copy only. */
  readonly withContacts: boolean;
  readonly delimiter: ',' | ';';
}

/**
 * The registry as the table `npm run sites -- import` reads: the same columns, lists joined by
 * spaces, sites in id order. Contacts only when asked: the table is otherwise fit to publish.
 */
export function sitesToCsv(sites: readonly Site[], options: ExportOptions): string {
  const columns = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS].filter(
    (column) => column !== 'contacts' || options.withContacts,
  );
  const rows = [...sites]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((site) => {
      const cells: Record<string, string> = {
        name: site.name,
        url: site.url,
        agency: site.agency,
        group: site.group,
        name_en: site.name_en ?? '',
        responders: site.responders.join(' '),
        tags: site.tags.join(' '),
        contacts: contactsCell(site.contacts),
      };
      return columns.map((column) => cells[column]!);
    });
  // CRLF between rows as Excel writes; a line break inside a cell (the contacts) quotes the cell,
  // which csv-stringify does only for its own record delimiter.
  return stringify([columns, ...rows], {
    delimiter: options.delimiter,
    record_delimiter: '\r\n',
    quoted_match: /[\r\n]/,
  });
}
