import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createGzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

export interface StaticServer {
  readonly origin: string;
  /** Paths requested that had no file (404), for tests that want no broken links. */
  readonly missing: string[];
  close(): Promise<void>;
}

/**
 * Serves a built site from `root` on 127.0.0.1 (`port`, or one the OS picks), as GitHub Pages would: `/x/` is
 * `/x/index.html`, anything else a file or 404, and text gzip-compressed when the browser accepts it
 * (Pages compresses; Lighthouse's load times are only meaningful with it). Paths never leave `root`.
 */
export async function startStaticServer(root: string, port = 0): Promise<StaticServer> {
  const missing: string[] = [];
  const base = path.resolve(root);
  const server = http.createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    let file = path.join(base, pathname);
    if (!file.startsWith(base)) return void response.writeHead(403).end();
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      await stat(file);
    } catch {
      missing.push(pathname);
      return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    const compress =
      /^(text\/|application\/(json|xml)|image\/svg)/.test(type) &&
      /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    response.writeHead(200, {
      'content-type': type,
      ...(compress ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
    });
    (compress ? createReadStream(file).pipe(createGzip({ level: 6 })) : createReadStream(file)).pipe(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    missing,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
