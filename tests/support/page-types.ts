import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The public page types every browser check and the bench visit (issues #5 and #11). */
export const PAGE_TYPES = [
  'home (vi)',
  'home (en)',
  'group page',
  'site page',
  'incidents list',
  'incident page',
] as const;
export type PageType = (typeof PAGE_TYPES)[number];

/** A page type's URL path in the build, or why none was found. */
export type FoundPage =
  | { readonly type: PageType; readonly path: string }
  | { readonly type: PageType; readonly missing: string };

const hrefs = (html: string) => [...html.matchAll(/<a\b[^>]*\bhref=["']([^"'#?]+)[^"']*["']/gi)].map((m) => m[1]!);

async function htmlAt(dir: string, urlPath: string): Promise<string | null> {
  try {
    return await readFile(path.join(dir, ...urlPath.split('/').filter(Boolean), 'index.html'), 'utf8');
  } catch {
    return null;
  }
}

/**
 * Finds one page of each type in a built public site by following links the way a visitor would,
 * not by assuming routes: the English home from the vi home's `hreflang="en"` link, a group page as
 * the home's link whose path says group ("nhom" or "group"; the one holding `preferSiteId` when a
 * group's first page links it), a site page as the first link on that group page naming one of
 * `siteIds` (preferring `preferSiteId`), the incidents list as the home's link whose path says
 * incidents ("su-co" or "incidents"), an incident page as a link on that list naming one of `incidentIds`.
 */
export async function findPageTypes(
  dir: string,
  hints: { siteIds: readonly string[]; incidentIds: readonly string[]; preferSiteId?: string },
): Promise<FoundPage[]> {
  const found: FoundPage[] = [];
  const home = await htmlAt(dir, '/');
  if (!home) return PAGE_TYPES.map((type) => ({ type, missing: 'no index.html at the root' }));
  found.push({ type: 'home (vi)', path: '/' });
  const en =
    /<a\b[^>]*hreflang=["']en["'][^>]*>/i.exec(home)?.[0] ?? /<link\b[^>]*hreflang=["']en["'][^>]*>/i.exec(home)?.[0];
  const enPath = en ? /href=["']([^"']+)["']/.exec(en)?.[1] : undefined;
  found.push(
    enPath && (await htmlAt(dir, enPath))
      ? { type: 'home (en)', path: enPath }
      : { type: 'home (en)', missing: `no page behind the home's hreflang="en" link (${enPath ?? 'no such link'})` },
  );

  const links = hrefs(home).filter((h) => h.startsWith('/'));
  const groupLinks = links.filter((h) => /\/(nhom|group)\/[^/]+\/$/.test(h) && !h.startsWith('/en/'));
  const groups: { path: string; links: string[] }[] = [];
  for (const link of groupLinks) {
    const html = await htmlAt(dir, link);
    if (html) groups.push({ path: link, links: hrefs(html).filter((h) => h.startsWith('/')) });
  }
  const names = (h: string, id: string | undefined) => id !== undefined && h.split('/').includes(id);
  const group =
    groups.find((g) => g.links.some((h) => names(h, hints.preferSiteId))) ??
    groups.find((g) => g.links.some((h) => hints.siteIds.some((id) => names(h, id))));
  found.push(
    group
      ? { type: 'group page', path: group.path }
      : {
          type: 'group page',
          missing: groupLinks.length
            ? `the home links ${groupLinks.join(', ')}, none built with a site link`
            : 'the home page links no group page (/nhom/<key>/)',
        },
  );
  const siteLinks = (group?.links ?? []).filter((h) => hints.siteIds.some((id) => names(h, id)));
  const sitePath = siteLinks.find((h) => names(h, hints.preferSiteId)) ?? siteLinks[0];
  found.push(
    sitePath && (await htmlAt(dir, sitePath))
      ? { type: 'site page', path: sitePath }
      : {
          type: 'site page',
          missing: sitePath
            ? `the group page links ${sitePath}, which was not built`
            : 'no group page links a site page',
        },
  );

  const listPath = links.find((h) => /\/(su-co|incidents)\/$/.test(h) && !h.startsWith('/en/'));
  const list = listPath ? await htmlAt(dir, listPath) : null;
  found.push(
    list && listPath
      ? { type: 'incidents list', path: listPath }
      : {
          type: 'incidents list',
          missing: listPath
            ? `the home links ${listPath}, which was not built`
            : 'the home page links no incidents list (/su-co/)',
        },
  );
  const incidentPath = list
    ? hrefs(list).find((h) => h.startsWith('/') && hints.incidentIds.some((id) => h.includes(id)))
    : undefined;
  found.push(
    incidentPath && (await htmlAt(dir, incidentPath))
      ? { type: 'incident page', path: incidentPath }
      : {
          type: 'incident page',
          missing: !list
            ? 'no incidents list to find one from'
            : incidentPath
              ? `the list links ${incidentPath}, which was not built`
              : 'the incidents list links no incident page',
        },
  );
  return found;
}
