import { normaliseUrl } from './normalise-url.ts';
import type { Problem } from './problem.ts';
import type { Position } from './yaml-source.ts';

export interface SiteEntry {
  readonly file: string;
  readonly id: string;
  readonly url?: { readonly raw: string; readonly position: Position | undefined };
}

/**
 * Sites that clash with one listed before them: the same id (`x.yml` next to `x.yaml`) or the same
 * URL once normalised. The later file gets the error and names the earlier one, so fixing it is
 * a matter of deleting or renaming one file. `entries` must be in load order.
 */
export function findDuplicates(entries: readonly SiteEntry[]): Problem[] {
  const problems: Problem[] = [];
  const firstById = new Map<string, string>();
  const firstByUrl = new Map<string, string>();
  for (const { file, id, url } of entries) {
    const earlierId = firstById.get(id);
    if (earlierId === undefined) firstById.set(id, file);
    else
      problems.push({
        severity: 'error',
        file,
        field: 'id',
        message: `duplicate site id "${id}": also defined by ${earlierId}`,
      });

    const key = url ? normaliseUrl(url.raw) : undefined;
    if (url && key !== undefined) {
      const earlierUrl = firstByUrl.get(key);
      if (earlierUrl === undefined) firstByUrl.set(key, file);
      else
        problems.push({
          severity: 'error',
          file,
          ...url.position,
          field: 'url',
          message: `duplicate URL: already listed in ${earlierUrl}`,
        });
    }
  }
  return problems;
}
