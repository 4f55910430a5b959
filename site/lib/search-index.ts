import { foldForSearch } from './format.ts';
import type { SiteState } from './status-model.ts';

/**
 * The search box's index (`/tim-kiem.json`): every site's id, names, group and state, as compact as
 * JSON allows (about 45 bytes a site), fetched by the page's script the first time someone searches,
 * so no page carries 10,000 names. Matching ignores diacritics and case (foldForSearch: "da nang"
 * finds "Đà Nẵng", đ is d). Pure; `searchSites` is bundled into the browser script.
 */

/** States by index, as the index stores them. */
export const SEARCH_STATES = [
  'operational',
  'degraded',
  'down',
  'maintenance',
  'unknown',
] as const satisfies readonly SiteState[];

export interface SearchIndex {
  /** `[key, name, English name]`, in config order. */
  readonly groups: readonly (readonly [string, string, string])[];
  /** `[id, name, English name or "" when the same, group index, state index]`, in Vietnamese order. */
  readonly sites: readonly (readonly [string, string, string, number, number])[];
}

export interface IndexInput {
  readonly groups: readonly { readonly key: string; readonly name: string; readonly nameEn: string }[];
  readonly sites: readonly {
    readonly id: string;
    readonly name: string;
    readonly nameEn: string;
    readonly group: string;
    readonly state: SiteState;
  }[];
}

/** Sites of a group the config does not list are left out, as the pages leave them out. */
export function buildSearchIndex(input: IndexInput): SearchIndex {
  const groupIndex = new Map(input.groups.map((g, i) => [g.key, i]));
  return {
    groups: input.groups.map((g) => [g.key, g.name, g.nameEn]),
    sites: input.sites.flatMap((s) => {
      const g = groupIndex.get(s.group);
      return g === undefined
        ? []
        : [[s.id, s.name, s.nameEn === s.name ? '' : s.nameEn, g, SEARCH_STATES.indexOf(s.state)] as const];
    }),
  };
}

export interface SearchHit {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  readonly group: readonly [string, string, string] | undefined;
  readonly state: SiteState;
}

/** An index with each site's folded text computed once: searching is then a scan of 10,000 strings. */
export interface PreparedIndex {
  readonly index: SearchIndex;
  readonly folded: readonly string[];
}

export function prepareIndex(index: SearchIndex): PreparedIndex {
  return { index, folded: index.sites.map(([id, name, nameEn]) => foldForSearch(`${name} ${nameEn} ${id}`)) };
}

/**
 * Sites whose names (either language) or id contain every word of `query`, diacritics ignored: names
 * that start with the query first, then the rest, each in the index's (Vietnamese) order. `total`
 * counts every match; `hits` holds at most `limit`.
 */
export function searchSites(
  prepared: PreparedIndex,
  query: string,
  limit: number,
): { total: number; hits: SearchHit[] } {
  const q = foldForSearch(query);
  if (q === '') return { total: 0, hits: [] };
  const words = q.split(' ');
  const first: number[] = [];
  const rest: number[] = [];
  prepared.folded.forEach((text, i) => {
    if (!words.every((w) => text.includes(w))) return;
    (text.startsWith(q) ? first : rest).push(i);
  });
  const order = [...first, ...rest];
  return {
    total: order.length,
    hits: order.slice(0, limit).map((i) => {
      const [id, name, nameEn, group, state] = prepared.index.sites[i]!;
      return {
        id,
        name,
        nameEn: nameEn || name,
        group: prepared.index.groups[group],
        state: SEARCH_STATES[state] ?? 'unknown',
      };
    }),
  };
}
