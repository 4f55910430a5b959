import { SITE_ID_PATTERN } from '../schemas/site.ts';

/** The file extensions a site file may have; the id is the name without it. */
export const SITE_FILE_EXTENSION = /\.ya?ml$/;

/** The site id a file name stands for: `bo-cong-an.yml` → `bo-cong-an`. */
export function siteIdFromFileName(fileName: string): string {
  return fileName.replace(SITE_FILE_EXTENSION, '');
}

/**
 * Why `id` cannot be a site id, or `undefined` when it can. Ids end up in paths, issue labels and
 * URLs of the status site, so they are lowercase ASCII slugs; the message offers one to rename to.
 */
export function checkSiteId(id: string): string | undefined {
  if (SITE_ID_PATTERN.test(id)) return undefined;
  const suggestion = suggestSiteId(id);
  const hint = suggestion ? `; rename the file to "${suggestion}.yml"` : '';
  return `file name "${id}" is not a valid site id: use lowercase letters, digits and hyphens${hint}`;
}

/** A slug close to what was written: "Bộ_Công An" → "bo-cong-an". `undefined` when nothing usable is left. */
export function suggestSiteId(id: string): string | undefined {
  const slug = id
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return SITE_ID_PATTERN.test(slug) ? slug : undefined;
}
