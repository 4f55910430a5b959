import type { RegistrationCode, RegistrationMessage } from '../schemas/registration.ts';
import type { UrlProblem } from './url-policy.ts';

/** url-policy.ts's messages, each with its code; the capture group, when any, is the value. */
const PATTERNS: readonly (readonly [RegExp, RegistrationCode])[] = [
  [/^"((?:[^"\\]|\\.)*)" is not a valid absolute URL/, 'url-invalid'],
  [/^must start with https:\/\/ or http:\/\/, not "(.*)"$/, 'url-scheme'],
  [/^must not contain a user name or password$/, 'url-credentials'],
  [/^must not use a non-default port \((\d+)\)$/, 'url-port'],
  [/^points to a private or special address \((.*)\)$/, 'url-private'],
  [/^must use a host name, not an IP address \((.*)\)$/, 'url-ip'],
  [/^points to a private or special host name \((.*)\)$/, 'url-local-name'],
  [/^uses http:\/\/; prefer https:\/\/$/, 'url-http'],
  [/^the fragment "(.*)" is ignored$/, 'url-fragment'],
];

/**
 * One URL policy finding (url-policy.ts words them in English for `npm run validate`) as a
 * registration code and its values, so the issue comment can say it in Vietnamese too. A message the
 * table does not know becomes `site-file` with the message itself: nothing is lost.
 */
export function urlProblemCode(problem: UrlProblem): Omit<RegistrationMessage, 'field'> {
  for (const [pattern, code] of PATTERNS) {
    const found = pattern.exec(problem.message);
    if (!found) continue;
    const value = found[1];
    if (value === undefined) return { code, values: [] };
    // The invalid URL is quoted by JSON.stringify; undo it to get the text as written.
    return { code, values: [code === 'url-invalid' ? (JSON.parse(`"${value}"`) as string) : value] };
  }
  return { code: 'site-file', values: [problem.message] };
}
