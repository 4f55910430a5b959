import { byAgency } from './agency-groups.ts';
import type { GroupView, SiteRow } from './status-model.ts';

/**
 * A group's own pages (`/nhom/<key>/`, then `/nhom/<key>/2/`, …): its sites by agency, each with its
 * 90 days. A province group of a national registry holds thousands of sites, so a page holds at most
 * GROUP_PAGE_SIZE of them (about 40 KB gzipped, and a page a browser lays out quickly); agencies run on
 * from one page to the next in the same order. Pure.
 */
export const GROUP_PAGE_SIZE = 500;

export interface GroupPage {
  /** 1-based. */
  readonly page: number;
  readonly pages: number;
  /** This page's sites, agency by agency (Vietnamese order), by name within an agency. */
  readonly sites: readonly SiteRow[];
}

export function groupPages(group: Pick<GroupView, 'sites'>, size = GROUP_PAGE_SIZE): GroupPage[] {
  const ordered = byAgency(group.sites).flatMap((a) => a.sites);
  const pages = Math.max(1, Math.ceil(ordered.length / size));
  return Array.from({ length: pages }, (_, i) => ({
    page: i + 1,
    pages,
    sites: ordered.slice(i * size, (i + 1) * size),
  }));
}

/** A group page's path without the language prefix: `/nhom/tinh/`, `/nhom/tinh/2/`. */
export function groupPath(key: string, page = 1): string {
  return page === 1 ? `/nhom/${key}/` : `/nhom/${key}/${page}/`;
}

/** The `[...page]` route parameter of a page: none for the first, `"2"` for the second. */
export function pageParam(page: number): string | undefined {
  return page === 1 ? undefined : String(page);
}
