import { once } from 'node:events';
import { createGunzip, gunzipSync } from 'node:zlib';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUGE_BODY_BYTES, startSimulator, type Simulator } from '../../checks/simulator/simulator.ts';
import { simulatorLookup } from '../../checks/simulator/simulator-lookup.ts';
import { WINDOWS_1258_PHRASE } from '../../checks/simulator/pages.ts';

const SLOW_MS = 150;

describe('simulator HTTP scenarios', () => {
  let sim: Simulator;
  let agent: Agent;

  beforeAll(async () => {
    sim = await startSimulator({ slowMs: SLOW_MS, slowHeadersMs: 5_000 });
    agent = new Agent({ connect: { lookup: simulatorLookup(sim.dnsServer), timeout: 1_000 }, headersTimeout: 2_000 });
  });
  afterAll(async () => {
    await agent.close();
    await sim.close();
  });

  const get = (url: string, headers: Record<string, string> = {}, options: { headersTimeout?: number } = {}) =>
    request(url, { dispatcher: agent, headers, ...options });

  it('serves a Vietnamese portal home page, gzip-compressed when asked', async () => {
    const plain = await get(sim.urlFor('healthy'));
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const html = await plain.body.text();
    expect(Buffer.byteLength(html)).toBeGreaterThanOrEqual(30_000);
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(60_000);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Cổng thông tin điện tử tỉnh Ví Dụ</title>');
    expect(html).toContain('Tin tức - Sự kiện');
    expect(html).toMatch(/Địa chỉ: Số \d+ đường /);

    const compressed = await get(sim.urlFor('healthy'), { 'accept-encoding': 'gzip, deflate, br' });
    expect(compressed.headers['content-encoding']).toBe('gzip');
    expect(compressed.headers.vary).toBe('Accept-Encoding');
    const body = Buffer.from(await compressed.body.arrayBuffer());
    expect(Number(compressed.headers['content-length'])).toBe(body.length);
    expect(gunzipSync(body).toString('utf8')).toBe(html);

    const refused = await get(sim.urlFor('healthy'), { 'accept-encoding': 'gzip;q=0, identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    await refused.body.dump();
  });

  it('names each portal differently and keeps each page stable', async () => {
    const demo = await (await get(sim.urlFor('healthy', 'so-khcn-vi-du'))).body.text();
    expect(demo).toContain('<title>Cổng thông tin điện tử Sở Khoa học và Công nghệ tỉnh Ví Dụ</title>');
    const first = await (await get(sim.urlFor('healthy', 'portal-17'))).body.text();
    const again = await (await get(sim.urlFor('healthy', 'portal-17'))).body.text();
    const other = await (await get(sim.urlFor('healthy', 'portal-18'))).body.text();
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect(() => sim.urlFor('healthy', 'Not A Label')).toThrow(
      'simulator: portal "Not A Label" must be a lowercase DNS label',
    );
  });

  it('answers 404 for unknown paths and 421 for unknown hosts', async () => {
    const missing = await get(new URL('/khong-co', sim.urlFor('healthy')).href);
    expect(missing.statusCode).toBe(404);
    await missing.body.dump();
    const port = new URL(sim.urlFor('healthy')).port;
    const unknown = await request(`http://127.0.0.1:${port}/`, { dispatcher: agent });
    expect(unknown.statusCode).toBe(421);
    expect(await unknown.body.text()).toBe('No simulated portal is named "127.0.0.1" on this port.\n');
  });

  it('delays the slow portal by slowMs', async () => {
    const started = performance.now();
    const response = await get(sim.urlFor('slow'));
    expect(response.statusCode).toBe(200);
    await response.body.dump();
    expect(performance.now() - started).toBeGreaterThanOrEqual(SLOW_MS - 5);
  });

  it('answers 503 with a short error page for server-error', async () => {
    const response = await get(sim.urlFor('server-error'));
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('120');
    expect(await response.body.text()).toContain('<title>503 - Hệ thống đang bảo trì</title>');
  });

  it('takes one portal down with setUnavailable, every path of it, and brings it back', async () => {
    const home = sim.urlFor('subpage-spam', 'truong-mau');
    sim.setUnavailable('truong-mau', true);
    const down = await get(home);
    expect([down.statusCode, down.headers['retry-after']]).toEqual([503, '120']);
    await down.body.dump();
    const sitemap = await get(new URL('/sitemap.xml', home).href);
    expect(sitemap.statusCode).toBe(503);
    await sitemap.body.dump();
    // Another portal of the same scenario is unaffected.
    const other = await get(sim.urlFor('subpage-spam', 'truong-khac'));
    expect(other.statusCode).toBe(200);
    await other.body.dump();
    sim.setUnavailable('truong-mau', false);
    const back = await get(home);
    expect(back.statusCode).toBe(200);
    await back.body.dump();
  });

  it('refuses connections for connection-refused', async () => {
    await expect(get(sim.urlFor('connection-refused'))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(sim.requestCount('connection-refused')).toBe(0);
  });

  it('accepts and never answers for timeout', async () => {
    const before = sim.requestCount('timeout');
    await expect(get(sim.urlFor('timeout'), {}, { headersTimeout: 200 })).rejects.toMatchObject({
      code: 'UND_ERR_HEADERS_TIMEOUT',
    });
    expect(sim.requestCount('timeout')).toBe(before + 1);
  });

  it('withholds headers for slow-headers', async () => {
    await expect(get(sim.urlFor('slow-headers'), {}, { headersTimeout: 200 })).rejects.toMatchObject({
      code: 'UND_ERR_HEADERS_TIMEOUT',
    });
  });

  it('redirects to another registrable domain that serves a page', async () => {
    const response = await get(sim.urlFor('redirect-foreign'));
    expect(response.statusCode).toBe(302);
    const location = response.headers.location as string;
    expect(location).toBe(`http://foreign.other-zone.test:${new URL(sim.urlFor('healthy')).port}/`);
    await response.body.dump();
    const foreign = await get(location);
    expect(foreign.statusCode).toBe(200);
    expect(await foreign.body.text()).toContain('This domain may be for sale');
  });

  it('redirects in a loop /a -> /b -> /a', async () => {
    const hops: string[] = [];
    let url = sim.urlFor('redirect-loop');
    for (let i = 0; i < 4; i++) {
      const response = await get(url);
      expect(response.statusCode).toBe(302);
      await response.body.dump();
      hops.push(response.headers.location as string);
      url = new URL(response.headers.location as string, url).href;
    }
    expect(hops).toEqual(['/a', '/b', '/a', '/b']);
  });

  it('sends a gzip bomb: ~1 MB on the wire that inflates past any sane cap', async () => {
    const response = await get(sim.urlFor('gzip-bomb'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    const wire = Number(response.headers['content-length']);
    expect(wire).toBeGreaterThan(900_000);
    expect(wire).toBeLessThan(1_200_000);
    const cap = 5 * 1024 * 1024;
    const gunzip = createGunzip();
    response.body.pipe(gunzip);
    let inflated = 0;
    for await (const chunk of gunzip) {
      inflated += (chunk as Buffer).length;
      if (inflated > cap) break;
    }
    const aborted = once(response.body, 'error');
    response.body.destroy();
    await expect(aborted).resolves.toMatchObject([{ code: 'UND_ERR_ABORTED' }]);
    expect(inflated).toBeGreaterThan(cap);
  });

  it('streams a 50 MiB body without Content-Length and stops when the client goes away', async () => {
    const response = await get(sim.urlFor('huge-body'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-length']).toBeUndefined();
    expect(response.headers['transfer-encoding']).toBe('chunked');
    let received = 0;
    for await (const chunk of response.body) {
      received += (chunk as Buffer).length;
      if (received > 1024 * 1024) break; // leaving the loop destroys the body
    }
    expect(received).toBeLessThan(HUGE_BODY_BYTES);
    // The server is still fine afterwards.
    const next = await get(sim.urlFor('healthy'));
    expect(next.statusCode).toBe(200);
    await next.body.dump();
  });

  it('serves a body really encoded in windows-1258', async () => {
    const response = await get(sim.urlFor('windows-1258'));
    expect(response.headers['content-type']).toBe('text/html; charset=windows-1258');
    const bytes = Buffer.from(await response.body.arrayBuffer());
    expect(bytes.toString('utf8')).not.toContain(WINDOWS_1258_PHRASE);
    const text = new TextDecoder('windows-1258').decode(bytes);
    expect(text).not.toContain(WINDOWS_1258_PHRASE); // combining tone marks, not precomposed letters
    expect(text.normalize('NFC')).toContain(WINDOWS_1258_PHRASE);
    expect(text.normalize('NFC')).toContain('<meta charset="windows-1258">');
  });

  it('resets the first request to a flaky portal, serves the second, then alternates', async () => {
    const before = sim.requestCount('flaky');
    const url = sim.urlFor('flaky', 'flaky-portal-1');
    await expect(get(url)).rejects.toMatchObject({ code: 'ECONNRESET' });
    const second = await get(url);
    expect(second.statusCode).toBe(200);
    await second.body.dump();
    await expect(get(url)).rejects.toMatchObject({ code: 'ECONNRESET' });
    // Another portal has its own count.
    await expect(get(sim.urlFor('flaky', 'flaky-portal-2'))).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(sim.requestCount('flaky')).toBe(before + 4);
  });

  it('serves the healthy page through the CNAME alias', async () => {
    const response = await get(sim.dnsUrl('cname'));
    expect(response.statusCode).toBe(200);
    await response.body.dump();
  });

  it('counts requests per scenario', async () => {
    const before = sim.requestCount('server-error');
    for (let i = 0; i < 3; i++) await (await get(sim.urlFor('server-error', `p${i}`))).body.dump();
    expect(sim.requestCount('server-error')).toBe(before + 3);
  });
});
