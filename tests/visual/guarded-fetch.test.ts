import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyAddress } from '../../checks/net/address-policy.ts';
import { createGuardedFetch, type AddressPolicy, type GuardedFetchOptions } from '../../checks/visual/guarded-fetch.ts';

/** Tests may dial 127.0.0.1 only: every other address, private or public, is refused before a socket opens. */
const onlyLoopbackOne: AddressPolicy = (address) =>
  address === '127.0.0.1' ? { address, range: 'unicast', allowed: true } : classifyAddress(address);

let server: http.Server;
let origin: string;
let port: number;
const hits: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    hits.push(url);
    if (url === '/ok') return void res.end('xin chào');
    if (url === '/redirect') return void res.writeHead(302, { location: '/ok' }).end();
    if (url === '/to-private') return void res.writeHead(302, { location: 'http://10.0.0.1/admin' }).end();
    if (url === '/to-metadata-name')
      return void res.writeHead(301, { location: `http://metadata.test:${port}/latest` }).end();
    if (url === '/to-file') return void res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    if (url === '/loop') return void res.writeHead(302, { location: '/loop' }).end();
    if (url === '/cookie-gate') {
      if (req.headers.cookie?.includes('TS01=abc')) return void res.end('through the gate');
      return void res.writeHead(302, { location: '/cookie-gate', 'set-cookie': 'TS01=abc; Path=/; HttpOnly' }).end();
    }
    if (url === '/gzip')
      return void res
        .writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/html; charset=utf-8' })
        .end(gzipSync('<p>Cổng thông tin</p>'));
    if (url === '/big') return void res.end(Buffer.alloc(200_000, 0x61));
    if (url === '/echo')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(req.headers));
    if (url === '/hang') return; // never answers
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function guarded(options: Partial<GuardedFetchOptions> = {}) {
  return createGuardedFetch({ allowPrivate: false, addressPolicy: onlyLoopbackOne, timeoutMs: 2_000, ...options });
}

describe('createGuardedFetch', () => {
  it('fetches, follows redirects, and reports the final URL', async () => {
    const fetcher = guarded();
    const response = await fetcher.fetch(`${origin}/redirect`);
    await fetcher.close();
    expect(response).toMatchObject({ ok: true, url: `${origin}/ok`, status: 200 });
    expect(response.ok && response.body.toString()).toBe('xin chào');
  });

  it('refuses loopback under the engine policy, before any request is sent', async () => {
    const fetcher = createGuardedFetch({ allowPrivate: false, timeoutMs: 2_000 });
    const before = hits.length;
    const response = await fetcher.fetch(`${origin}/ok`);
    await fetcher.close();
    expect(response).toEqual({
      ok: false,
      url: `${origin}/ok`,
      reason: 'blocked-address',
      code: 'BLOCKED_ADDRESS',
      message: '127.0.0.1 is in the loopback range; refused by the SSRF guard',
    });
    expect(hits.length).toBe(before);
  });

  it('refuses a redirect to a private IP literal', async () => {
    const fetcher = guarded();
    const response = await fetcher.fetch(`${origin}/to-private`);
    await fetcher.close();
    expect(response).toMatchObject({
      ok: false,
      reason: 'blocked-address',
      message: '10.0.0.1 is in the private (RFC 1918) range; refused by the SSRF guard',
    });
  });

  it('refuses a redirect to a name that resolves to the cloud metadata address', async () => {
    const lookup = async (host: string) => (host === 'metadata.test' ? ['169.254.169.254'] : ['127.0.0.1']);
    const fetcher = guarded({ lookup });
    const response = await fetcher.fetch(`${origin}/to-metadata-name`);
    await fetcher.close();
    expect(response).toMatchObject({
      ok: false,
      reason: 'blocked-address',
      message: 'metadata.test resolves to 169.254.169.254, which is in the link-local range; refused by the SSRF guard',
    });
  });

  it('refuses a name when any of its addresses is refused', async () => {
    const fetcher = guarded({ lookup: async () => ['127.0.0.1', '10.1.2.3'] });
    const response = await fetcher.fetch(`http://mixed.test:${port}/ok`);
    await fetcher.close();
    expect(response).toMatchObject({ ok: false, reason: 'blocked-address' });
  });

  it('resolves each name once per page and dials the address it checked (no rebinding)', async () => {
    const answers = [['127.0.0.1'], ['10.9.9.9']];
    let calls = 0;
    const fetcher = guarded({ lookup: async () => answers[calls++]! });
    const first = await fetcher.fetch(`http://portal.test:${port}/ok`);
    const second = await fetcher.fetch(`http://portal.test:${port}/redirect`);
    await fetcher.close();
    expect([first.ok, second.ok, calls]).toEqual([true, true, 1]);
  });

  it('turns a failed lookup into a dns failure', async () => {
    const fetcher = guarded({
      lookup: async () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' })),
    });
    const response = await fetcher.fetch('http://khong-ton-tai.test/');
    await fetcher.close();
    expect(response).toMatchObject({
      ok: false,
      reason: 'dns',
      code: 'ENOTFOUND',
      message: 'could not resolve khong-ton-tai.test: ENOTFOUND',
    });
  });

  it('fetches only http and https, also after a redirect', async () => {
    const fetcher = guarded();
    expect(await fetcher.fetch('file:///etc/passwd')).toMatchObject({
      ok: false,
      reason: 'blocked-scheme',
      message: 'only http and https are fetched, not file:',
    });
    expect(await fetcher.fetch(`${origin}/to-file`)).toMatchObject({ ok: false, reason: 'blocked-scheme' });
    await fetcher.close();
  });

  it('stops redirect loops', async () => {
    const fetcher = guarded({ maxRedirects: 3 });
    const response = await fetcher.fetch(`${origin}/loop`);
    await fetcher.close();
    expect(response).toMatchObject({
      ok: false,
      reason: 'too-many-redirects',
      message: `more than 3 redirects from ${origin}/loop`,
    });
  });

  it('carries a cookie set on a redirect to the next hop of the same host', async () => {
    const fetcher = guarded();
    const response = await fetcher.fetch(`${origin}/cookie-gate`);
    await fetcher.close();
    expect(response.ok && response.body.toString()).toBe('through the gate');
  });

  it('hands the browser a decoded body without wire headers', async () => {
    const fetcher = guarded();
    const response = await fetcher.fetch(`${origin}/gzip`);
    await fetcher.close();
    if (!response.ok) throw new Error(response.message);
    expect(response.body.toString()).toBe('<p>Cổng thông tin</p>');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['content-length']).toBeUndefined();
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('caps a body', async () => {
    const fetcher = guarded({ maxBytes: 100_000 });
    const response = await fetcher.fetch(`${origin}/big`);
    await fetcher.close();
    expect(response).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('sends on only the headers that choose content', async () => {
    const fetcher = guarded();
    const response = await fetcher.fetch(`${origin}/echo`, {
      headers: { 'User-Agent': 'UA', 'accept-language': 'vi', authorization: 'Bearer x', 'x-playwright': '1' },
    });
    await fetcher.close();
    if (!response.ok) throw new Error(response.message);
    const seen = JSON.parse(response.body.toString()) as Record<string, string>;
    expect(seen['user-agent']).toBe('UA');
    expect(seen['accept-language']).toBe('vi');
    expect(seen['accept-encoding']).toBe('gzip, deflate, br');
    expect(seen.authorization).toBeUndefined();
    expect(seen['x-playwright']).toBeUndefined();
  });

  it('times out a lookup that never answers', async () => {
    const fetcher = guarded({ timeoutMs: 300, lookup: () => new Promise<string[]>(() => {}) });
    const response = await fetcher.fetch('http://cham.test/');
    await fetcher.close();
    expect(response).toMatchObject({ ok: false, reason: 'timeout', code: 'TOTAL_TIMEOUT' });
  });

  it('times out a server that never answers', async () => {
    const fetcher = guarded({ timeoutMs: 300 });
    const response = await fetcher.fetch(`${origin}/hang`);
    await fetcher.close();
    expect(response).toMatchObject({ ok: false, reason: 'timeout', message: 'no complete response within 300 ms' });
  });
});
