import { compareVietnamese } from './format.ts';

/**
 * Sites of one group, by agency: agencies in Vietnamese alphabetical order, sites within an agency
 * in the order given (the model sorts them by name). Pure.
 */
export function byAgency<T extends { readonly agency: string }>(sites: readonly T[]): { agency: string; sites: T[] }[] {
  const map = new Map<string, T[]>();
  for (const site of sites) {
    const list = map.get(site.agency);
    if (list) list.push(site);
    else map.set(site.agency, [site]);
  }
  return [...map].sort(([a], [b]) => compareVietnamese(a, b)).map(([agency, list]) => ({ agency, sites: list }));
}
