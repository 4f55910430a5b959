/**
 * The form two `url`s are compared in to find the same site listed twice: host lowercased and
 * without a trailing dot, default port dropped, "/" and "" the same path, fragment dropped.
 * The scheme stays: http:// and https:// of one host are different things to watch.
 * `undefined` when the URL does not parse (the URL policy reports that).
 */
export function normaliseUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined; // Not a URL: the URL policy (url-policy.ts) reports it with the file and field.
  }
  // URL lowercases the host, drops a default port and turns an empty path into "/".
  const host = url.hostname.endsWith('.') ? url.hostname.slice(0, -1) : url.hostname;
  const port = url.port === '' ? '' : `:${url.port}`;
  const path = url.pathname === '/' ? '' : url.pathname;
  return `${url.protocol}//${host}${port}${path}${url.search}`;
}
