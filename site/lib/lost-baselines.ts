import type { BaselineLost } from '../../checks/schemas/defacement.ts';

/** A site whose baseline was lost and not re-accepted since, for the internal dashboard. */
export interface LostBaselineRow extends BaselineLost {
  readonly id: string;
  readonly name: string;
}

/**
 * The sites whose status carries `defacement.baselineLost`, longest unreviewed first (then by id):
 * their reference is whatever the page looked like after the loss. Pure.
 */
export function lostBaselines(
  statuses: readonly { readonly id: string; readonly defacement: { readonly baselineLost?: BaselineLost } | null }[],
  names: ReadonlyMap<string, string>,
): LostBaselineRow[] {
  return statuses
    .flatMap((s) => {
      const lost = s.defacement?.baselineLost;
      return lost ? [{ id: s.id, name: names.get(s.id) ?? s.id, at: lost.at, file: lost.file }] : [];
    })
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}
