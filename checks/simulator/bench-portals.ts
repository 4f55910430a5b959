import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { startDnsServer } from './dns-server.ts';
import { routeHost } from './host-names.ts';
import { Lifecycle } from './lifecycle.ts';
import { acceptsGzip, requestHostname, requestPath } from './page-response.ts';
import { PORTAL_PATHS, renderPortalPage, type PortalIdentity } from './pages.ts';
import { pick, randomInt, seededRandom } from './random.ts';

export interface BenchPortalsOptions {
  /** Number of distinct portals, `p0.bench.<zone>` to `p<count-1>.bench.<zone>`. */
  count: number;
  /** Each portal's fixed delay before answering is drawn from this range (ms, both included). */
  latencyMs: readonly [number, number];
  /** Each portal's page size (uncompressed bytes, approximate) is drawn from this range. */
  pageBytes: readonly [number, number];
  /** Same seed, same latencies, sizes and pages. Default 1. */
  seed?: number;
  hostZone?: string;
}

export interface BenchPortals {
  /** One base URL per portal, in index order. */
  urls: string[];
  dnsServer: { host: string; port: number };
  /** Requests answered so far, all portals together. */
  requestCount(): number;
  close(): Promise<void>;
}

interface BenchPortal {
  readonly latencyMs: number;
  readonly seed: number;
  readonly targetBytes: number;
  readonly identity: PortalIdentity;
  /** Pre-compressed at start: probes ask for gzip, and serving must cost no CPU in the measured run. */
  readonly gzip: Buffer;
}

const HOST = '127.0.0.1';
const gzipAsync = promisify(gzipCallback);
const UNITS = ['Sở Tư pháp', 'Sở Tài chính', 'Sở Nội vụ', 'Sở Công Thương', 'Sở Giao thông vận tải', 'Sở Lao động', 'Ban Quản lý các khu công nghiệp', 'Ủy ban nhân dân huyện Trung Tâm'];
const PLACES = ['Ví Dụ', 'Sông Mây', 'Vân Lĩnh', 'Bình Mẫu', 'Hòa Thử', 'Lam Nguyên', 'Ngọc Khê', 'Thanh Vân'];

/**
 * Many healthy portals on one plain-HTTP port for load benchmarks: each with its own deterministic
 * latency and page size, pages rendered and gzipped before this resolves. The plain-text body for
 * clients that refuse gzip is rendered again on each request (deterministic, so it is the same page)
 * rather than kept, so 10,000 portals do not hold half a gigabyte of HTML.
 */
export async function startBenchPortals(options: BenchPortalsOptions): Promise<BenchPortals> {
  const zone = (options.hostZone ?? 'sim.canhgac.test').toLowerCase();
  const [minLatency, maxLatency] = options.latencyMs;
  const [minBytes, maxBytes] = options.pageBytes;
  if (!Number.isInteger(options.count) || options.count < 1) throw new RangeError(`bench portals: count must be a positive integer, got ${options.count}`);
  if (!(minLatency >= 0 && minLatency <= maxLatency)) throw new RangeError(`bench portals: latencyMs must be [min, max] with 0 <= min <= max`);
  if (!(minBytes > 0 && minBytes <= maxBytes)) throw new RangeError(`bench portals: pageBytes must be [min, max] with 0 < min <= max`);

  const random = seededRandom(options.seed ?? 1);
  const specs = Array.from({ length: options.count }, () => {
    const place = pick(random, PLACES);
    const unit = pick(random, UNITS);
    const identity = { title: `Cổng thông tin điện tử ${unit} tỉnh ${place}`, agency: `Ủy ban nhân dân tỉnh ${place}`, place };
    const seed = Math.floor(random() * 2 ** 32);
    const targetBytes = randomInt(random, minBytes, maxBytes);
    const latencyMs = randomInt(random, minLatency, maxLatency);
    return { identity, seed, targetBytes, latencyMs };
  });
  // Compression runs on libuv's thread pool, a few pages at a time, so both cores help at start-up.
  const portals: BenchPortal[] = new Array(specs.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < specs.length; index = next++) {
      const spec = specs[index]!;
      // Level 1 is nginx's default `gzip_comp_level`.
      const gzip = await gzipAsync(renderPortalPage(spec), { level: 1 });
      portals[index] = { ...spec, gzip };
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));

  const lifecycle = new Lifecycle();
  let requests = 0;
  const headers = { server: 'nginx', 'content-type': 'text/html; charset=utf-8', vary: 'Accept-Encoding', 'cache-control': 'no-cache' };

  const respond = (req: IncomingMessage, res: ServerResponse, portal: BenchPortal) => {
    if (res.destroyed) return;
    if (!PORTAL_PATHS.has(requestPath(req))) {
      res.writeHead(404, { ...headers, 'content-length': 0 });
      return void res.end();
    }
    if (acceptsGzip(req.headers['accept-encoding'])) {
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': portal.gzip.length });
      return void res.end(portal.gzip);
    }
    const raw = Buffer.from(renderPortalPage({ identity: portal.identity, seed: portal.seed, targetBytes: portal.targetBytes }));
    res.writeHead(200, { ...headers, 'content-length': raw.length });
    res.end(raw);
  };

  const server = createServer((req, res) => {
    const route = routeHost(requestHostname(req), zone);
    const portal = route.kind === 'bench' ? portals[route.index] : undefined;
    if (!portal) {
      res.writeHead(421, { 'content-type': 'text/plain', 'content-length': 0 });
      return void res.end();
    }
    requests += 1;
    if (portal.latencyMs === 0) return respond(req, res, portal);
    lifecycle.later(portal.latencyMs, () => respond(req, res, portal));
  });
  // Benchmarks keep thousands of sockets open; Node's defaults are sized for real traffic.
  server.maxRequestsPerSocket = 0;
  const port = await lifecycle.listen(server, HOST);
  const dns = await startDnsServer({ zone, host: HOST }).catch(async (error: unknown) => {
    await lifecycle.close();
    throw error;
  });

  return {
    urls: portals.map((_, index) => `http://p${index}.bench.${zone}:${port}/`),
    dnsServer: { host: dns.host, port: dns.port },
    requestCount: () => requests,
    async close() {
      await Promise.all([lifecycle.close(), dns.close()]);
    },
  };
}
