import { inertLine } from '../../checks/incidents/defang.ts';
import { isDomainLike } from '../../checks/incidents/neutralise.ts';

/**
 * Text that came from a monitored page (signal details and evidence, error messages, redirect URLs,
 * page excerpts) made inert for the internal site. Astro escapes it as HTML text, so no markup can
 * get through; this also removes what escaping does not: characters that change how text looks
 * without being seen (bidi overrides and isolates, zero-width characters, controls), and clickable
 * or copy-paste-ready URLs and domains (`hxxps://nhacai88[.]bet`, with the incidents' `defang`).
 * Pure.
 *
 * One line of hostile text: NFC, invisibles removed, whitespace (line breaks included) collapsed to
 * single spaces, URLs and domains defanged, at most `maxLength` code points with `…` (cut between
 * grapheme clusters). Empty text stays empty.
 */
export function inertText(text: string, maxLength = 500): string {
  return inertLine(text, maxLength, isDomainLike);
}
