import { classifyAddress, isIpLiteral, stripBrackets } from '../net/address-policy.ts';
import type { Severity } from './problem.ts';

/**
 * What the policy finds, as codes: `npm run validate` prints the message, the issue form's answer
 * words the code in Vietnamese and English around the value (registry/describe-registration.ts).
 */
export const URL_PROBLEM_CODES = [
  'url-invalid',
  'url-scheme',
  'url-credentials',
  'url-port',
  'url-private',
  'url-ip',
  'url-local-name',
  'url-http',
  'url-fragment',
] as const;
export type UrlProblemCode = (typeof URL_PROBLEM_CODES)[number];

export interface UrlProblem {
  readonly severity: Severity;
  readonly code: UrlProblemCode;
  /** The part of the URL the finding is about (the scheme, the port, the range…), when there is one. */
  readonly values: readonly string[];
  readonly message: string;
}

export interface UrlPolicyOptions {
  /**
   * Lets a site point at IP addresses, private ranges, local-only names and odd ports: for test
   * setups and the demo, never for a public deployment (it disables half of the SSRF guard's intent).
   */
  readonly allowPrivate: boolean;
}

/** Names that only ever resolve inside a machine or a private network (RFC 6761, RFC 6762, RFC 8375, ICANN .internal). */
const LOCAL_SUFFIXES = ['localhost', 'local', 'internal', 'home.arpa'] as const;

/**
 * Judges a site's `url` before anything is fetched. Errors are URLs the monitor must not or cannot
 * watch (wrong scheme, credentials that would end up in public logs, addresses inside our own
 * network); warnings are URLs that work but are worth a second look. The resolver-level SSRF guard
 * still runs at probe time: a public name can resolve to a private address.
 */
export function checkSiteUrl(raw: string, options: UrlPolicyOptions): UrlProblem[] {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The URL constructor says only "Invalid URL"; the input is all there is to show.
    return [
      error(
        'url-invalid',
        [raw],
        `${JSON.stringify(raw)} is not a valid absolute URL such as "https://www.example.org/"`,
      ),
    ];
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return [
      error('url-scheme', [url.protocol], `must start with https:// or http://, not ${JSON.stringify(url.protocol)}`),
    ];
  }

  const problems: UrlProblem[] = [];
  if (url.username !== '' || url.password !== '') {
    problems.push(error('url-credentials', [], 'must not contain a user name or password'));
  }
  // WHATWG URL has already dropped a default port and rewritten 2130706433, 0x7f.1 and friends as 127.0.0.1.
  if (url.port !== '' && !options.allowPrivate) {
    problems.push(error('url-port', [url.port], `must not use a non-default port (${url.port})`));
  }
  const host = url.hostname.endsWith('.') ? url.hostname.slice(0, -1) : url.hostname;
  if (isIpLiteral(host)) {
    const verdict = classifyAddress(stripBrackets(host));
    if (!verdict.allowed) {
      if (!options.allowPrivate) {
        const range = verdict.range.replace(/^ipv4Mapped:/, '');
        problems.push(error('url-private', [range], `points to a private or special address (${range})`));
      }
    } else if (!options.allowPrivate) {
      const address = stripBrackets(host);
      problems.push(error('url-ip', [address], `must use a host name, not an IP address (${address})`));
    }
  } else {
    const suffix = LOCAL_SUFFIXES.find((name) => host === name || host.endsWith(`.${name}`));
    if (suffix && !options.allowPrivate) {
      const name = host === suffix ? suffix : `.${suffix}`;
      problems.push(error('url-local-name', [name], `points to a private or special host name (${name})`));
    }
  }

  if (url.protocol === 'http:') problems.push(warning('url-http', [], 'uses http://; prefer https://'));
  if (url.hash !== '') problems.push(warning('url-fragment', [url.hash], `the fragment "${url.hash}" is ignored`));
  return problems;
}

function error(code: UrlProblemCode, values: readonly string[], message: string): UrlProblem {
  return { severity: 'error', code, values, message };
}

function warning(code: UrlProblemCode, values: readonly string[], message: string): UrlProblem {
  return { severity: 'warning', code, values, message };
}
