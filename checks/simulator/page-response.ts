import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';

/** A page encoded once, with its gzip form, so serving it costs no CPU beyond the write. */
export interface PreparedPage {
  readonly contentType: string;
  readonly raw: Buffer;
  readonly gzip: Buffer;
}

export function preparePage(body: Buffer, contentType: string): PreparedPage {
  return { contentType, raw: body, gzip: gzipSync(body) };
}

/** True when the Accept-Encoding header allows gzip (a `q=0` refuses it, `*` allows it). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let wildcard = false;
  for (const entry of header.split(',')) {
    const [coding = '', ...params] = entry.trim().toLowerCase().split(';');
    const refused = params.some((param) => /^\s*q\s*=\s*0(?:\.0*)?\s*$/.test(param));
    if (coding.trim() === 'gzip' || coding.trim() === 'x-gzip') return !refused;
    if (coding.trim() === '*') wildcard = !refused;
  }
  return wildcard;
}

/** Headers a typical nginx-fronted portal sends with an HTML page. */
const BASE_HEADERS = { server: 'nginx', 'cache-control': 'no-cache', 'x-frame-options': 'SAMEORIGIN' } as const;

export function sendPage(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  page: PreparedPage,
  extraHeaders: OutgoingHttpHeaders = {},
): void {
  if (res.destroyed) return;
  const gzip = acceptsGzip(req.headers['accept-encoding']);
  const body = gzip ? page.gzip : page.raw;
  res.writeHead(status, {
    ...BASE_HEADERS,
    'content-type': page.contentType,
    'content-length': body.length,
    vary: 'Accept-Encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    ...extraHeaders,
  });
  res.end(body);
}

export function sendRedirect(res: ServerResponse, status: number, location: string): void {
  if (res.destroyed) return;
  const body = `<html><head><title>${status} Found</title></head><body><center><h1>${status} Found</h1></center><hr><center>nginx</center></body></html>\n`;
  res.writeHead(status, {
    ...BASE_HEADERS,
    location,
    'content-type': 'text/html',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** The host name of a request, without port or IPv6 brackets, lower-cased; `''` when absent. */
export function requestHostname(req: IncomingMessage): string {
  const host = (req.headers.host ?? '').toLowerCase();
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

/** The path of a request without its query string. */
export function requestPath(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
