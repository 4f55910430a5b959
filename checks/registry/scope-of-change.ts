/**
 * What an agency's pull request may change without a maintainer reading it: its site files. The
 * validator checks those; anything else (code, workflows, config.yml, the lockfile) is code review.
 * This module imports nothing, so `checks/cli/pr-scope.ts` runs before `npm ci`.
 */
export const AGENCY_AREA = 'data/sites/';

export type ScopeOfChange =
  | { readonly kind: 'data-only'; readonly paths: readonly string[] }
  | { readonly kind: 'needs-review'; readonly outside: readonly string[] };

/**
 * Decides from the changed paths (as `git diff --name-only --no-renames` prints them, repository
 * relative, a rename as its deletion and its addition) whether the change stays inside
 * `data/sites/`. No paths at all is data-only: there is nothing to review.
 */
export function scopeOfChange(paths: readonly string[]): ScopeOfChange {
  const outside = paths.filter((p) => !p.startsWith(AGENCY_AREA) || p.length === AGENCY_AREA.length);
  return outside.length === 0 ? { kind: 'data-only', paths } : { kind: 'needs-review', outside };
}

/** The one-line verdict, for the log and the annotation. */
export function describeScope(scope: ScopeOfChange, listAtMost = 20): string {
  if (scope.kind === 'data-only')
    return `data only: this pull request changes ${count(scope.paths.length)} under ${AGENCY_AREA}`;
  const shown = scope.outside.slice(0, listAtMost);
  const more = scope.outside.length - shown.length;
  return `needs maintainer review: this pull request changes files outside ${AGENCY_AREA}: ${shown.map(printable).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/**
 * The job summary section. The list is one HTML block (no blank line inside), so Markdown does not
 * read the paths, which are the author's text; they are HTML-escaped.
 */
export function scopeSummary(scope: ScopeOfChange, listAtMost = 200): string {
  const heading = '## Scope of this pull request\n\n';
  if (scope.kind === 'data-only') return `${heading}${describeScope(scope)}.\n`;
  const shown = scope.outside.slice(0, listAtMost);
  const more = scope.outside.length - shown.length;
  const items = shown.map((p) => `<li><code>${escapeHtml(printable(p))}</code></li>\n`).join('');
  const rest = more > 0 ? `<li>… and ${more} more</li>\n` : '';
  return `${heading}**needs maintainer review: this pull request changes files outside ${AGENCY_AREA}:**\n\n<ul>\n${items}${rest}</ul>\n`;
}

function count(n: number): string {
  return `${n} file${n === 1 ? '' : 's'}`;
}

/** Control characters (git allows a newline in a file name) shown as \xNN, so a name stays on its line. */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters in a file name are shown escaped.
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
