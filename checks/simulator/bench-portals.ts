import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import {
  constants as zlibConstants,
  crc32,
  deflateRaw as deflateRawCallback,
  deflateRawSync,
  gzip as gzipCallback,
} from 'node:zlib';
import { startDnsServer } from './dns-server.ts';
import { routeHost } from './host-names.ts';
import { Lifecycle } from './lifecycle.ts';
import { acceptsGzip, requestHostname, requestPath } from './page-response.ts';
import { HOSTILE_KINDS, prepareHostileBodies, serveHostile, type HostileKind } from './hostile-pages.ts';
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
  /**
   * Every response carries a visitor counter that goes up by one per request, in the footer, as
   * real portals' counters do: no two fetches of a page have the same bytes. Default false (the same
   * bytes every time).
   */
  visitorCounter?: boolean;
  /**
   * Hostile portals mixed in among the healthy ones (spread evenly, kinds in turn): 4 MB one-line
   * pages, deep nesting, endless bodies, gzip and brotli bombs, binary and NUL-filled pages, served on
   * every path. Default 0.
   */
  hostile?: number;
}

export interface BenchPortals {
  /** One base URL per portal, in index order: `count` healthy and `hostile` hostile ones. */
  urls: string[];
  /** Per URL: the hostile kind it serves, or null for a healthy portal. */
  kinds: (HostileKind | null)[];
  dnsServer: { host: string; port: number };
  /** Requests answered so far, all portals together. */
  requestCount(): number;
  /**
   * The requests received since the last call, in arrival order, and forgets them: the URL (with the
   * port) and the headers that make a variant (user-agent, referer). What a raw fetcher must fetch
   * to do the same work as the checker did.
   */
  takeRequests(): BenchRequest[];
  close(): Promise<void>;
}

export interface BenchRequest {
  readonly url: string;
  readonly userAgent: string | null;
  readonly referer: string | null;
}

interface BenchPortal {
  readonly latencyMs: number;
  readonly seed: number;
  readonly targetBytes: number;
  readonly identity: PortalIdentity;
  /** Pre-compressed at start: probes ask for gzip, and serving must cost no CPU in the measured run. */
  readonly gzip: Buffer;
  /** With `visitorCounter`: the page up to the counter, deflated and flushed (not final), and its CRC-32 and length. */
  readonly counted: {
    readonly head: Buffer;
    readonly headCrc: number;
    readonly headLength: number;
    readonly tail: string;
  } | null;
}

const HOST = '127.0.0.1';
const gzipAsync = promisify(gzipCallback);
const deflateRawAsync = promisify(deflateRawCallback);
/** A gzip member header: deflate, no name, no time, unknown OS. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff]);
/** The visitor counter goes right before the end of the footer. */
const COUNTER_AT = '</footer>';

/** The counter's markup: the only bytes that differ between two responses of a counted portal. */
function counterHtml(count: number): string {
  return `<p class="luot-truy-cap">Lượt truy cập: ${count}</p>\n`;
}

/**
 * A gzip member for `head + counter + tail` without compressing the head again: the head was
 * deflated once with a sync flush (byte-aligned, not final), so a fresh deflate of the few hundred
 * bytes after it can follow; the CRC-32 continues from the head's.
 */
function countedGzip(counted: NonNullable<BenchPortal['counted']>, count: number): Buffer[] {
  const rest = Buffer.from(counterHtml(count) + counted.tail);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(rest, counted.headCrc), 0);
  trailer.writeUInt32LE((counted.headLength + rest.length) >>> 0, 4);
  return [GZIP_HEADER, counted.head, deflateRawSync(rest, { level: 1 }), trailer];
}
const UNITS = [
  'Sở Tư pháp',
  'Sở Tài chính',
  'Sở Nội vụ',
  'Sở Công Thương',
  'Sở Giao thông vận tải',
  'Sở Lao động',
  'Ban Quản lý các khu công nghiệp',
  'Ủy ban nhân dân huyện Trung Tâm',
];
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
  if (!Number.isInteger(options.count) || options.count < 1)
    throw new RangeError(`bench portals: count must be a positive integer, got ${options.count}`);
  if (!(minLatency >= 0 && minLatency <= maxLatency))
    throw new RangeError(`bench portals: latencyMs must be [min, max] with 0 <= min <= max`);
  if (!(minBytes > 0 && minBytes <= maxBytes))
    throw new RangeError(`bench portals: pageBytes must be [min, max] with 0 < min <= max`);

  const hostileCount = options.hostile ?? 0;
  if (!Number.isInteger(hostileCount) || hostileCount < 0)
    throw new RangeError(`bench portals: hostile must be a non-negative integer, got ${hostileCount}`);
  const total = options.count + hostileCount;
  // Hostile portal h sits at index floor((h + 0.5) · total / hostile): spread through the run's order.
  const kinds: (HostileKind | null)[] = new Array(total).fill(null);
  for (let h = 0; h < hostileCount; h++)
    kinds[Math.floor(((h + 0.5) * total) / hostileCount)] = HOSTILE_KINDS[h % HOSTILE_KINDS.length]!;
  const hostileBodies = hostileCount > 0 ? await prepareHostileBodies(options.seed ?? 1) : new Map();

  const random = seededRandom(options.seed ?? 1);
  const specs = Array.from({ length: options.count }, () => {
    const place = pick(random, PLACES);
    const unit = pick(random, UNITS);
    const identity = {
      title: `Cổng thông tin điện tử ${unit} tỉnh ${place}`,
      agency: `Ủy ban nhân dân tỉnh ${place}`,
      place,
    };
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
      const html = renderPortalPage(spec);
      const gzip = await gzipAsync(html, { level: 1 });
      let counted: BenchPortal['counted'] = null;
      if (options.visitorCounter) {
        const at = html.lastIndexOf(COUNTER_AT);
        if (at === -1)
          throw new Error(`bench portals: the portal page has no ${COUNTER_AT} to put the visitor counter before`);
        const headBytes = Buffer.from(html.slice(0, at));
        const head = await deflateRawAsync(headBytes, { level: 1, finishFlush: zlibConstants.Z_SYNC_FLUSH });
        counted = { head, headCrc: crc32(headBytes), headLength: headBytes.length, tail: html.slice(at) };
      }
      portals[index] = { ...spec, gzip, counted };
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));

  const lifecycle = new Lifecycle();
  let requests = 0;
  /** Pages served with a visitor counter: each response shows the next number. */
  let visits = 0;
  const headers = {
    server: 'nginx',
    'content-type': 'text/html; charset=utf-8',
    vary: 'Accept-Encoding',
    'cache-control': 'no-cache',
  };

  const respond = (req: IncomingMessage, res: ServerResponse, portal: BenchPortal) => {
    if (res.destroyed) return;
    if (!PORTAL_PATHS.has(requestPath(req))) {
      res.writeHead(404, { ...headers, 'content-length': 0 });
      return void res.end();
    }
    if (portal.counted && acceptsGzip(req.headers['accept-encoding'])) {
      const parts = countedGzip(portal.counted, ++visits);
      res.writeHead(200, {
        ...headers,
        'content-encoding': 'gzip',
        'content-length': parts.reduce((n, part) => n + part.length, 0),
      });
      for (const part of parts.slice(0, -1)) res.write(part);
      return void res.end(parts.at(-1));
    }
    if (acceptsGzip(req.headers['accept-encoding'])) {
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': portal.gzip.length });
      return void res.end(portal.gzip);
    }
    let html = renderPortalPage({ identity: portal.identity, seed: portal.seed, targetBytes: portal.targetBytes });
    if (portal.counted)
      html = `${html.slice(0, html.lastIndexOf(COUNTER_AT))}${counterHtml(++visits)}${portal.counted.tail}`;
    const raw = Buffer.from(html);
    res.writeHead(200, { ...headers, 'content-length': raw.length });
    res.end(raw);
  };

  // Healthy portal i (0 ≤ i < count) answers at the i-th index whose kind is null.
  const healthyAt: number[] = [];
  for (const [index, kind] of kinds.entries()) if (kind === null) healthyAt.push(index);
  const portalAt = new Array<BenchPortal | undefined>(total);
  for (const [i, index] of healthyAt.entries()) portalAt[index] = portals[i];

  let log: BenchRequest[] = [];
  const server = createServer((req, res) => {
    log.push({
      url: `http://${req.headers.host ?? ''}${req.url ?? '/'}`,
      userAgent: req.headers['user-agent'] ?? null,
      referer: req.headers.referer ?? null,
    });
    const route = routeHost(requestHostname(req), zone);
    const hostile = route.kind === 'bench' ? kinds[route.index] : undefined;
    if (hostile) {
      requests += 1;
      return serveHostile(res, hostile, hostileBodies);
    }
    const portal = route.kind === 'bench' ? portalAt[route.index] : undefined;
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
    urls: kinds.map((_, index) => `http://p${index}.bench.${zone}:${port}/`),
    kinds,
    dnsServer: { host: dns.host, port: dns.port },
    requestCount: () => requests,
    takeRequests() {
      const taken = log;
      log = [];
      return taken;
    },
    async close() {
      await Promise.all([lifecycle.close(), dns.close()]);
    },
  };
}
