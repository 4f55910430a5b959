import { gunzipSync } from 'node:zlib';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBenchPortals, type BenchPortals } from '../../checks/simulator/bench-portals.ts';
import { simulatorLookup } from '../../checks/simulator/simulator-lookup.ts';

describe('startBenchPortals', () => {
  let bench: BenchPortals;
  let agent: Agent;

  beforeAll(async () => {
    bench = await startBenchPortals({ count: 40, latencyMs: [20, 60], pageBytes: [10_000, 20_000], seed: 3 });
    agent = new Agent({ connect: { lookup: simulatorLookup(bench.dnsServer) } });
  });
  afterAll(async () => {
    await agent.close();
    await bench.close();
  });

  it('gives one URL per portal under p<i>.bench.<zone>', () => {
    expect(bench.urls).toHaveLength(40);
    expect(bench.urls[0]).toMatch(/^http:\/\/p0\.bench\.sim\.canhgac\.test:\d+\/$/);
    expect(new Set(bench.urls).size).toBe(40);
  });

  it('serves each portal gzip-compressed, in its size and latency range', async () => {
    for (const url of bench.urls.slice(0, 5)) {
      const started = performance.now();
      const response = await request(url, { dispatcher: agent, headers: { 'accept-encoding': 'gzip' } });
      const body = Buffer.from(await response.body.arrayBuffer());
      expect(performance.now() - started).toBeGreaterThanOrEqual(19);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBe('gzip');
      const html = gunzipSync(body);
      expect(html.length).toBeGreaterThanOrEqual(10_000);
      expect(html.length).toBeLessThan(22_000);
      expect(html.toString('utf8')).toMatch(/<title>Cổng thông tin điện tử .+ tỉnh .+<\/title>/);
    }
  });

  it('serves the same page uncompressed to clients that do not accept gzip', async () => {
    const compressed = await request(bench.urls[7]!, { dispatcher: agent, headers: { 'accept-encoding': 'gzip' } });
    const plain = await request(bench.urls[7]!, { dispatcher: agent });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(await plain.body.text()).toBe(gunzipSync(Buffer.from(await compressed.body.arrayBuffer())).toString('utf8'));
  });

  it('is deterministic for a seed', async () => {
    const again = await startBenchPortals({ count: 3, latencyMs: [0, 0], pageBytes: [5_000, 9_000], seed: 3 });
    const other = await startBenchPortals({ count: 3, latencyMs: [0, 0], pageBytes: [5_000, 9_000], seed: 3 });
    try {
      const fetchPage = async (url: string, dnsServer: { host: string; port: number }) => {
        const dispatcher = new Agent({ connect: { lookup: simulatorLookup(dnsServer) } });
        const text = await (await request(url, { dispatcher })).body.text();
        await dispatcher.close();
        return text;
      };
      expect(await fetchPage(again.urls[2]!, again.dnsServer)).toBe(await fetchPage(other.urls[2]!, other.dnsServer));
    } finally {
      await Promise.all([again.close(), other.close()]);
    }
  });

  it('with a visitor counter, serves different bytes on every request, gzip and plain alike', async () => {
    const options = { count: 2, latencyMs: [0, 0] as const, pageBytes: [20_000, 30_000] as const, seed: 3 };
    const counted = await startBenchPortals({ ...options, visitorCounter: true });
    const uncounted = await startBenchPortals(options);
    const dispatchers = [counted, uncounted].map(
      (b) => new Agent({ connect: { lookup: simulatorLookup(b.dnsServer) } }),
    );
    try {
      const gzipped = async () => {
        const response = await request(counted.urls[1]!, {
          dispatcher: dispatchers[0],
          headers: { 'accept-encoding': 'gzip' },
        });
        expect(response.headers['content-encoding']).toBe('gzip');
        return gunzipSync(Buffer.from(await response.body.arrayBuffer())).toString('utf8');
      };
      const plain = async () => (await request(counted.urls[1]!, { dispatcher: dispatchers[0] })).body.text();
      const pages = [await gzipped(), await gzipped(), await plain()];
      const counter = /<p class="luot-truy-cap">Lượt truy cập: (\d+)<\/p>\n(?=<\/footer>\n<\/body>\n<\/html>\n$)/;
      expect(pages.map((p) => counter.exec(p)?.[1])).toEqual(['1', '2', '3']);
      // Apart from the counter, it is the page served without one.
      const without = await (await request(uncounted.urls[1]!, { dispatcher: dispatchers[1] })).body.text();
      for (const page of pages) expect(page.replace(counter, '')).toBe(without);
    } finally {
      await Promise.all([...dispatchers.map((d) => d.close()), counted.close(), uncounted.close()]);
    }
  });

  it('answers 421 for a portal index it does not have', async () => {
    const port = new URL(bench.urls[0]!).port;
    const response = await request(`http://p40.bench.sim.canhgac.test:${port}/`, { dispatcher: agent });
    expect(response.statusCode).toBe(421);
    await response.body.dump();
  });

  it('refuses nonsense options', async () => {
    await expect(startBenchPortals({ count: 0, latencyMs: [0, 1], pageBytes: [1, 2] })).rejects.toThrow(
      'bench portals: count must be a positive integer, got 0',
    );
    await expect(startBenchPortals({ count: 1, latencyMs: [5, 1], pageBytes: [1, 2] })).rejects.toThrow(
      'bench portals: latencyMs must be [min, max] with 0 <= min <= max',
    );
  });
});
