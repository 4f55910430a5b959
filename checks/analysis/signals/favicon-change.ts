import type { Signal } from '../../schemas/defacement.ts';
import { domainOfUrl } from '../registrable-domain.ts';
import { makeSignal } from '../signal.ts';
import type { SignalInput } from './signal-input.ts';

/**
 * The favicon reference changed. Defacement pages bring their own (or none); a cache-busting query
 * string is not a change. Served from another registrable domain counts most.
 */
export function faviconChangeSignals({ model, baseline }: SignalInput): Signal[] {
  if (baseline === null || baseline.favicon === null) return [];
  const was = withoutQuery(baseline.favicon);
  if (model.favicon === null)
    return [makeSignal('favicon-change', 4, 'The favicon link is gone.', [`was: ${baseline.favicon}`])];
  const now = withoutQuery(model.favicon);
  if (now === was) return [];
  const otherDomain = domainOfUrl(now) !== domainOfUrl(was) && domainOfUrl(now) !== model.domain;
  return [
    makeSignal(
      'favicon-change',
      otherDomain ? 15 : 5,
      `The favicon changed${otherDomain ? ` to another domain (${domainOfUrl(now)})` : ''}.`,
      [`now: ${model.favicon}`, `was: ${baseline.favicon}`],
    ),
  ];
}

function withoutQuery(url: string): string {
  return url.replace(/[?#].*$/, '');
}
