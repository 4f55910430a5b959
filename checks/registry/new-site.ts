import { stringify } from 'yaml';
import type { SiteFile } from '../schemas/site.ts';
import { suggestSiteId } from './site-id.ts';
import { type SiteFileCheck, validateSiteFile } from './validate-site.ts';

/**
 * A site as someone without git hands it in (a spreadsheet row, an issue form): the fields of a site
 * file they can fill in. Everything else takes its default and can be tuned later in the file.
 */
export interface NewSiteFields {
  readonly name: string;
  readonly name_en?: string | undefined;
  readonly agency: string;
  readonly group: string;
  readonly url: string;
  readonly responders?: readonly string[];
  readonly tags?: readonly string[];
  readonly contacts?: SiteFile['contacts'];
}

/**
 * The id a site at `url` gets: its host without "www.", then its path, as a slug
 * ("https://www.hanoi.gov.vn/so-y-te" → "hanoi-gov-vn-so-y-te"). The same URL always gives the same
 * id, so an import run twice writes the same files. `undefined` when the URL does not parse.
 */
export function siteIdForUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/\.$/, '').replace(/^www\./, '');
  const path = decodeURIComponentSafe(url.pathname).replace(/\.(?:html?|php|aspx?|jsp)$/, '');
  return suggestSiteId(`${host}${url.port ? `-${url.port}` : ''}-${path}`);
}

/** `base`, else `base-2`, `base-3`, … : the first not in `taken` (ids of the registry and of earlier rows). */
export function uniqueSiteId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const id = `${base.slice(0, 64 - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(id)) return id;
  }
}

/**
 * The YAML of a new `data/sites/<id>.yml`, keys in the documented order, empty lists left out.
 * Values go through the YAML library's serialiser, never into a template: a name holding a newline
 * and "url: …" stays one string.
 */
export function renderSiteFile(fields: NewSiteFields, comment: string): string {
  const file: Record<string, unknown> = { name: fields.name.normalize('NFC') };
  if (fields.name_en) file.name_en = fields.name_en.normalize('NFC');
  file.agency = fields.agency.normalize('NFC');
  file.group = fields.group;
  file.url = fields.url;
  if (fields.responders?.length) file.responders = [...fields.responders];
  if (fields.contacts?.length) file.contacts = fields.contacts;
  if (fields.tags?.length) file.tags = [...fields.tags];
  const header = comment
    .split('\n')
    .map((line) => `# ${line}`.trimEnd())
    .join('\n');
  return `${header}\n${stringify(file, { lineWidth: 0 })}`;
}

function decodeURIComponentSafe(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export interface NewSiteOptions {
  /** Ids taken: every file in `sites/` (valid or not) and ids given out earlier in the same batch. */
  readonly ids: ReadonlySet<string>;
  /** Where the file goes, as messages show it, e.g. `data/sites`. */
  readonly dir: string;
  /** The file's opening comment: where it came from. */
  readonly comment: string;
  /** Keys of `groups` in config.yml. */
  readonly groups: readonly string[];
  readonly allowPrivate: boolean;
}

export interface NewSiteFile {
  readonly id: string;
  /** `<dir>/<id>.yml`. */
  readonly file: string;
  readonly content: string;
  /** The validator's verdict on it, as a pull request adding it would get. */
  readonly check: SiteFileCheck;
}

/**
 * The site file someone without git hands in (a spreadsheet row, the issue form): its id from the
 * URL, unique among `ids`; its text from `renderSiteFile`; and the validator's verdict on that text.
 * `undefined` when the URL gives no id (it does not parse). Pure.
 */
export function newSiteFile(fields: NewSiteFields, options: NewSiteOptions): NewSiteFile | undefined {
  const base = siteIdForUrl(fields.url);
  if (base === undefined) return undefined;
  const id = uniqueSiteId(base, options.ids);
  const file = `${options.dir}/${id}.yml`;
  const content = renderSiteFile(fields, options.comment);
  const check = validateSiteFile({
    file,
    id,
    source: content,
    groups: options.groups,
    allowPrivate: options.allowPrivate,
  });
  return { id, file, content, check };
}

/** Several handles or tags in one cell or field: separated by spaces, commas or semicolons. */
export function splitList(text: string | undefined): string[] {
  return (text ?? '').split(/[\s,;]+/).filter((item) => item !== '');
}
