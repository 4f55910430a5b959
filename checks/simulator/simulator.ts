import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer } from 'node:net';
import { issueCertificate, type IssuedCertificate } from './certificates.ts';
import { startDnsServer } from './dns-server.ts';
import { gzipBomb } from './gzip-bomb.ts';
import { assertPortalLabel, FOREIGN_HOST, routeHost, type DnsCase } from './host-names.ts';
import { Lifecycle, refusedPort as findRefusedPort } from './lifecycle.ts';
import {
  preparePage,
  requestHostname,
  requestPath,
  sendPage,
  sendRedirect,
  type PreparedPage,
} from './page-response.ts';
import {
  PORTAL_PATHS,
  portalIdentity,
  renderErrorPage,
  renderForeignPage,
  renderNotFoundPage,
  renderPortalPage,
  WINDOWS_1258_PHRASE,
} from './pages.ts';
import { hashString } from './random.ts';
import { isTlsScenario, SCENARIOS, TLS_SCENARIOS, type Scenario, type TlsScenario } from './scenarios.ts';
import { encodeWindows1258 } from './windows-1258.ts';
import {
  fromGoogleSearch,
  injectForeignIframe,
  injectHiddenGamblingLinks,
  injectScriptRedirect,
  isGooglebot,
  renderDefacedPage,
  renderReplacedPage,
  renderHostileDefacedPage,
  renderGamblingDoorway,
  renderSitemap,
  renderSitemapIndex,
  type PortalMode,
} from './attack-pages.ts';

export type { PortalMode } from './attack-pages.ts';
export type DoorwayState = 'served' | 'removed' | 'reset';

/** Pages every portal lists in its sitemap.xml. */
const SITEMAP_PATHS = ['/', '/gioi-thieu', '/tin-tuc', '/van-ban', '/hoi-dap'];
/** The doorway page the `subpage-spam` portal carries. */
const DOORWAY_PATH = '/tin-tuc/khuyen-mai-thanh-vien-moi-2026.html';
/**
 * The `subpage-spam` portal's sitemap is an index, as a CMS serves it: its pages, and 20 news
 * articles the home page does not link to, among which the doorway sits as the newest entry.
 */
const SITEMAP_CHILDREN = { '/sitemap-trang.xml': SITEMAP_PATHS, '/sitemap-tin-tuc.xml': newsSitemap() } as const;
const NEWS_PATH = /^\/tin-tuc\/tin-\d+\.html$/;

function newsSitemap(): { path: string; lastmod: string }[] {
  const news = Array.from({ length: 20 }, (_, i) => ({
    path: `/tin-tuc/tin-${i + 1}.html`,
    lastmod: `2026-10-${String(i + 1).padStart(2, '0')}T08:00:00+07:00`,
  }));
  return [...news, { path: DOORWAY_PATH, lastmod: '2026-11-24T22:00:00+07:00' }];
}

export interface SimulatorOptions {
  /** Delay of the `slow` scenario. Default 1500. */
  slowMs?: number;
  /** Delay before `slow-headers` sends its headers; longer than a probe's header timeout. Default 20000. */
  slowHeadersMs?: number;
  /** DNS zone of the portals. Default `sim.canhgac.test`. */
  hostZone?: string;
  /** Days the `tls-valid` certificate has left from now (the demo's nears its expiry). Default 60. */
  tlsValidDays?: number;
}

export interface Simulator {
  /**
   * Base URL of a portal with this scenario, e.g. `https://tls-expired.sim.canhgac.test:41234/`,
   * or `http://<portal>.<scenario>.<zone>:<port>/` when `portal` is given (many distinct portals).
   * Host names resolve through `dnsServer` to 127.0.0.1.
   */
  urlFor(scenario: Scenario, portal?: string): string;
  /**
   * URL whose host name exercises the DNS server: `cname` (alias of the healthy portal), `nxdomain`,
   * `servfail`, or `dns-timeout` (never answered).
   */
  dnsUrl(kind: DnsCase, portal?: string): string;
  /**
   * The fake DNS server (UDP). A for every portal name and `foreign.other-zone.test` is 127.0.0.1,
   * AAAA is NOERROR with no records, unknown names are NXDOMAIN.
   */
  dnsServer: { host: string; port: number };
  /** PEM of the test CA that signed the valid certificates: tests add it to trusted roots. */
  caPem: string;
  /** The DNS zone, e.g. `sim.canhgac.test`. */
  readonly zone: string;
  /**
   * Requests seen per scenario (e.g. to assert that a re-test happened). For `timeout` and the
   * `tls-*` scenarios it counts TCP connections, since a probe that rejects the certificate or gives
   * up waiting never completes a request. `redirect-foreign` counts only the redirecting request.
   */
  requestCount(scenario: Scenario): number;
  /**
   * Switches a `healthy` portal's page, e.g. to `defaced` after a baseline was taken, as an attack
   * would; `normal` restores it. Lets tests exercise baseline comparisons end to end.
   */
  setPortalMode(portal: string, mode: PortalMode): void;
  /**
   * What a `subpage-spam` portal's doorway page does: `served` (the spam, the default), `removed`
   * (404, as after the agency's clean-up) or `reset` (the connection dies: nothing can be learned).
   * A `cloaked` portal whose doorway is `removed` shows its own page to Googlebot and to visitors
   * from a search too: the cloaking is gone.
   */
  setDoorway(portal: string, state: DoorwayState): void;
  /** Takes a plain-HTTP portal down (every request answered 503, as in an outage) or back up. */
  setUnavailable(portal: string, unavailable: boolean): void;
  /** Makes a `healthy` portal answer `ms` late (a slow spell); 0 ends it. */
  setLatency(portal: string, ms: number): void;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const DAY_MS = 86_400_000;
const HUGE_BODY_CHUNK_BYTES = 64 * 1024;
/** `huge-body` streams this much filler between its opening and closing HTML. */
export const HUGE_BODY_BYTES = 50 * 1024 * 1024;

/**
 * Starts the loopback portal simulator: one plain-HTTP server routing on the Host header, one
 * HTTPS server per TLS scenario, a TCP server that never answers, a closed port, and the DNS server.
 * Certificates are made now, so "expired" and "valid" are relative to the moment of the call.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const zone = (options.hostZone ?? 'sim.canhgac.test').toLowerCase();
  const slowMs = options.slowMs ?? 1500;
  const slowHeadersMs = options.slowHeadersMs ?? 20_000;
  const lifecycle = new Lifecycle();
  const counts = new Map<Scenario, number>(SCENARIOS.map((scenario) => [scenario, 0]));
  const count = (scenario: Scenario) => counts.set(scenario, (counts.get(scenario) ?? 0) + 1);

  const certificates = await makeCertificates(zone, Date.now(), options.tlsValidDays ?? 60);
  const pages = new PageCache();
  const flakyRequests = new Map<string, number>();
  let httpPort = 0;

  const modes = new Map<string, PortalMode>();
  const doorways = new Map<string, DoorwayState>();
  const unavailable = new Set<string>();
  const latency = new Map<string, number>();
  const servePortal = (
    req: IncomingMessage,
    res: ServerResponse,
    portal: string | undefined,
    mode: PortalMode = modes.get(portal ?? '') ?? 'normal',
  ) => {
    const path = requestPath(req);
    if (path === '/sitemap.xml')
      return sendPage(req, res, 200, pages.sitemap(`http://${req.headers.host ?? ''}`, SITEMAP_PATHS));
    if (PORTAL_PATHS.has(path)) sendPage(req, res, 200, pages.attacked(portal, mode, httpPort));
    else sendPage(req, res, 404, pages.notFound());
  };
  const sendDoorway = (req: IncomingMessage, res: ServerResponse, portal: string | undefined) => {
    const state = doorways.get(portal ?? '') ?? 'served';
    if (state === 'removed') return sendPage(req, res, 404, pages.notFound());
    if (state === 'reset') return req.socket.destroy();
    sendPage(req, res, 200, pages.doorway(portal, httpPort));
  };

  const handleHttp = (req: IncomingMessage, res: ServerResponse) => {
    const route = routeHost(requestHostname(req), zone);
    if (route.kind === 'foreign') return sendPage(req, res, 200, pages.foreign());
    if (route.kind !== 'scenario') return misdirected(res, requestHostname(req));
    const { scenario, portal } = route;
    if (portal !== undefined && unavailable.has(portal)) {
      count(scenario);
      return sendPage(req, res, 503, pages.error(portal), { 'retry-after': '120' });
    }
    switch (scenario) {
      case 'healthy': {
        count(scenario);
        const late = latency.get(portal ?? '');
        if (late) return lifecycle.later(late, () => servePortal(req, res, portal));
        return servePortal(req, res, portal);
      }
      case 'slow':
        count(scenario);
        return lifecycle.later(slowMs, () => servePortal(req, res, portal));
      case 'slow-headers':
        count(scenario);
        return lifecycle.later(slowHeadersMs, () => servePortal(req, res, portal));
      case 'server-error':
        count(scenario);
        return sendPage(req, res, 503, pages.error(portal), { 'retry-after': '120' });
      case 'redirect-foreign':
        count(scenario);
        return sendRedirect(res, 302, `http://${FOREIGN_HOST}:${httpPort}/`);
      case 'redirect-loop':
        count(scenario);
        return sendRedirect(res, 302, requestPath(req) === '/a' ? '/b' : '/a');
      case 'gzip-bomb':
        count(scenario);
        return sendGzipBomb(res);
      case 'huge-body':
        count(scenario);
        return sendHugeBody(res);
      case 'windows-1258':
        count(scenario);
        if (!PORTAL_PATHS.has(requestPath(req))) return sendPage(req, res, 404, pages.notFound());
        return sendPage(req, res, 200, pages.windows1258(portal));
      case 'defaced':
      case 'spam-injected':
      case 'script-redirect':
        count(scenario);
        return servePortal(req, res, portal, scenario);
      case 'cloaked':
        count(scenario);
        // Spam for Google's crawler, a betting site for visitors arriving from a search, the portal for everyone else.
        if (doorways.get(portal ?? '') === 'removed') return servePortal(req, res, portal, 'normal');
        if (isGooglebot(req.headers['user-agent'])) return sendDoorway(req, res, portal);
        if (fromGoogleSearch(req.headers.referer)) return servePortal(req, res, portal, 'script-redirect');
        return servePortal(req, res, portal, 'normal');
      case 'subpage-spam': {
        count(scenario);
        // The home page is clean; a doorway page uploaded through the CMS sits in the sitemap.
        const path = requestPath(req);
        const origin = `http://${req.headers.host ?? ''}`;
        if (path === DOORWAY_PATH) return sendDoorway(req, res, portal);
        if (path === '/sitemap.xml')
          return sendPage(req, res, 200, pages.sitemapIndex(origin, Object.keys(SITEMAP_CHILDREN)));
        if (Object.hasOwn(SITEMAP_CHILDREN, path))
          return sendPage(
            req,
            res,
            200,
            pages.sitemap(origin, SITEMAP_CHILDREN[path as keyof typeof SITEMAP_CHILDREN]),
          );
        // The news articles are the portal page itself: clean, and many.
        if (NEWS_PATH.test(path)) return sendPage(req, res, 200, pages.portal(portal));
        return servePortal(req, res, portal, 'normal');
      }
      case 'flaky': {
        count(scenario);
        const key = requestHostname(req);
        const seen = (flakyRequests.get(key) ?? 0) + 1;
        flakyRequests.set(key, seen);
        // Odd-numbered requests die with a TCP reset (ECONNRESET at the client); even ones succeed.
        if (seen % 2 === 1) return void req.socket.resetAndDestroy();
        return servePortal(req, res, portal);
      }
      default:
        // A scenario served on another port (TLS, timeout, refused) reached the plain-HTTP one.
        return misdirected(res, requestHostname(req));
    }
  };

  const httpServer = createHttpServer(handleHttp);
  httpPort = await lifecycle.listen(httpServer, HOST);

  const tlsPorts = new Map<TlsScenario, number>();
  for (const scenario of TLS_SCENARIOS) {
    const certificate = certificates[scenario];
    const server = createHttpsServer({ key: certificate.keyPem, cert: certificate.certPem }, (req, res) => {
      const route = routeHost(requestHostname(req), zone);
      servePortal(req, res, route.kind === 'scenario' ? route.portal : undefined);
    });
    server.on('connection', () => count(scenario));
    // A client that rejects the certificate aborts the handshake; that is the point, not an error.
    server.on('tlsClientError', () => {});
    tlsPorts.set(scenario, await lifecycle.listen(server, HOST));
  }

  const silentServer = createTcpServer((socket) => {
    count('timeout');
    lifecycle.holdSocket(socket);
    socket.on('error', () => {}); // the client giving up resets the socket; nothing to report
  });
  const timeoutPort = await lifecycle.listen(silentServer, HOST);
  const refusedPort = await findRefusedPort(HOST);

  let dns: Awaited<ReturnType<typeof startDnsServer>>;
  try {
    dns = await startDnsServer({ zone, host: HOST });
  } catch (error) {
    await lifecycle.close();
    throw error;
  }

  const portFor = (scenario: Scenario): number => {
    if (scenario === 'timeout') return timeoutPort;
    if (scenario === 'connection-refused') return refusedPort;
    if (isTlsScenario(scenario)) return tlsPorts.get(scenario) ?? 0;
    return httpPort;
  };

  return {
    zone,
    dnsServer: { host: dns.host, port: dns.port },
    caPem: certificates.ca.certPem,
    urlFor(scenario, portal) {
      if (portal !== undefined) assertPortalLabel(portal);
      const host = portal === undefined ? `${scenario}.${zone}` : `${portal}.${scenario}.${zone}`;
      return `${isTlsScenario(scenario) ? 'https' : 'http'}://${host}:${portFor(scenario)}/`;
    },
    dnsUrl(kind, portal) {
      if (portal !== undefined) assertPortalLabel(portal);
      return `http://${portal === undefined ? '' : `${portal}.`}${kind}.${zone}:${httpPort}/`;
    },
    requestCount: (scenario) => counts.get(scenario) ?? 0,
    setPortalMode(portal, mode) {
      assertPortalLabel(portal);
      if (mode === 'normal') modes.delete(portal);
      else modes.set(portal, mode);
    },
    setDoorway(portal, state) {
      assertPortalLabel(portal);
      if (state === 'served') doorways.delete(portal);
      else doorways.set(portal, state);
    },
    setUnavailable(portal, down) {
      assertPortalLabel(portal);
      if (down) unavailable.add(portal);
      else unavailable.delete(portal);
    },
    setLatency(portal, ms) {
      assertPortalLabel(portal);
      if (ms > 0) latency.set(portal, ms);
      else latency.delete(portal);
    },
    async close() {
      await Promise.all([lifecycle.close(), dns.close()]);
    },
  };
}

function misdirected(res: ServerResponse, hostname: string): void {
  const body = `No simulated portal is named "${hostname}" on this port.\n`;
  res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

type SimulatorCertificates = Record<TlsScenario, IssuedCertificate> & { ca: IssuedCertificate };

async function makeCertificates(zone: string, now: number, validDays: number): Promise<SimulatorCertificates> {
  const ca = await issueCertificate({
    commonName: 'Canh Gác Simulator Test CA',
    organisation: 'Canh Gác simulator (test only)',
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + 365 * DAY_MS),
    isCa: true,
  });
  // `*.<zone>` covers `<scenario>.<zone>`; `*.<scenario>.<zone>` covers `<portal>.<scenario>.<zone>`.
  const zoneNames = (scenario: TlsScenario) => [`*.${zone}`, zone, `*.${scenario}.${zone}`];
  const current = { notBefore: new Date(now - 30 * DAY_MS), notAfter: new Date(now + 60 * DAY_MS) };
  const [valid, expired, selfSigned, wrongHost] = await Promise.all([
    issueCertificate(
      {
        commonName: `*.${zone}`,
        altNames: [...zoneNames('tls-valid'), HOST],
        notBefore: current.notBefore,
        notAfter: new Date(now + validDays * DAY_MS),
      },
      ca,
    ),
    issueCertificate(
      {
        commonName: `*.${zone}`,
        altNames: [...zoneNames('tls-expired'), HOST],
        notBefore: new Date(now - 100 * DAY_MS),
        notAfter: new Date(now - 10 * DAY_MS),
      },
      ca,
    ),
    issueCertificate({ commonName: `*.${zone}`, altNames: zoneNames('tls-self-signed'), ...current }),
    issueCertificate({ commonName: 'www.wrong-host.example', altNames: ['www.wrong-host.example'], ...current }, ca),
  ]);
  return { ca, 'tls-valid': valid, 'tls-expired': expired, 'tls-self-signed': selfSigned, 'tls-wrong-host': wrongHost };
}

/** How each attack rewrites (or replaces) a portal's page. */
const ATTACKS: Record<Exclude<PortalMode, 'normal'>, (portalHtml: () => string, port: number) => string> = {
  defaced: (_, port) => renderDefacedPage(port),
  replaced: () => renderReplacedPage(),
  'hostile-defaced': (_, port) => renderHostileDefacedPage(port),
  'spam-injected': (html, port) => injectHiddenGamblingLinks(html(), port),
  'script-redirect': (html, port) => injectScriptRedirect(html(), port),
  'iframe-injected': (html, port) => injectForeignIframe(html(), port),
};

/** Pages rendered and gzipped on first use, then served from memory. */
class PageCache {
  readonly #portals = new Map<string, PreparedPage>();
  readonly #attacked = new Map<string, PreparedPage>();
  readonly #legacy = new Map<string, PreparedPage>();
  readonly #errors = new Map<string, PreparedPage>();
  #foreign: PreparedPage | undefined;
  #notFound: PreparedPage | undefined;

  #html(portal: string | undefined): string {
    const seed = hashString(`portal:${portal ?? ''}`);
    // 30-60 KB like a real home page, varying by portal.
    return renderPortalPage({ identity: portalIdentity(portal), seed, targetBytes: 30_000 + (seed % 28_000) });
  }

  portal(portal: string | undefined): PreparedPage {
    return memo(this.#portals, portal ?? '', () => htmlPage(this.#html(portal)));
  }

  windows1258(portal: string | undefined): PreparedPage {
    const key = portal ?? '';
    return memo(this.#legacy, key, () => {
      const identity = portal === undefined ? portalIdentity('tinh-song-may') : portalIdentity(portal);
      const html = renderPortalPage({
        identity,
        seed: hashString(`legacy:${key}`),
        targetBytes: 20_000,
        charset: 'windows-1258',
      }).replace('<main>\n', `<main>\n<p class="thong-bao">${WINDOWS_1258_PHRASE}</p>\n`);
      return preparePage(encodeWindows1258(html), 'text/html; charset=windows-1258');
    });
  }

  error(portal: string | undefined): PreparedPage {
    return memo(this.#errors, portal ?? '', () => htmlPage(renderErrorPage(portalIdentity(portal))));
  }

  /** The portal page as an attacker left it; `normal` is the portal itself. */
  attacked(portal: string | undefined, mode: PortalMode, port: number): PreparedPage {
    if (mode === 'normal') return this.portal(portal);
    return memo(this.#attacked, `${mode}:${portal ?? ''}`, () =>
      htmlPage(ATTACKS[mode](() => this.#html(portal), port)),
    );
  }

  doorway(portal: string | undefined, port: number): PreparedPage {
    return memo(this.#attacked, `doorway:${portal ?? ''}`, () =>
      htmlPage(renderGamblingDoorway(portalIdentity(portal).title, port)),
    );
  }

  sitemap(origin: string, entries: Parameters<typeof renderSitemap>[1]): PreparedPage {
    return preparePage(Buffer.from(renderSitemap(origin, entries), 'utf8'), 'application/xml; charset=utf-8');
  }

  sitemapIndex(origin: string, paths: readonly string[]): PreparedPage {
    return preparePage(Buffer.from(renderSitemapIndex(origin, paths), 'utf8'), 'application/xml; charset=utf-8');
  }

  foreign(): PreparedPage {
    this.#foreign ??= htmlPage(renderForeignPage());
    return this.#foreign;
  }

  notFound(): PreparedPage {
    this.#notFound ??= htmlPage(renderNotFoundPage());
    return this.#notFound;
  }
}

function memo(cache: Map<string, PreparedPage>, key: string, make: () => PreparedPage): PreparedPage {
  let page = cache.get(key);
  if (!page) {
    page = make();
    cache.set(key, page);
  }
  return page;
}

function htmlPage(html: string): PreparedPage {
  return preparePage(Buffer.from(html, 'utf8'), 'text/html; charset=utf-8');
}

/** Writes `parts` in order, waiting for drain, and stops when the client goes away. */
function streamParts(res: ServerResponse, next: () => Buffer | undefined): void {
  const pump = () => {
    for (let part = next(); part !== undefined; part = next()) {
      if (res.destroyed) return;
      if (!res.write(part)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

function sendGzipBomb(res: ServerResponse): void {
  const bomb = gzipBomb();
  res.writeHead(200, {
    server: 'nginx',
    'content-type': 'text/html; charset=utf-8',
    'content-encoding': 'gzip',
    'content-length': bomb.compressedBytes,
  });
  let index = -1;
  streamParts(res, () => {
    index += 1;
    if (index === 0) return bomb.header;
    if (index <= bomb.repeat) return bomb.block;
    if (index === bomb.repeat + 1) return bomb.trailer;
    return undefined;
  });
}

let hugeChunk: Buffer | undefined;

/** 50 MiB of repetitive HTML, chunked (no Content-Length), so a probe must cap while it streams. */
function sendHugeBody(res: ServerResponse): void {
  if (!hugeChunk) {
    const row = '<tr><td>Dữ liệu thống kê</td><td>0123456789</td><td>Báo cáo tổng hợp số liệu hằng tháng</td></tr>\n';
    // Whole rows only (never a UTF-8 sequence cut in two), padded to the chunk size with spaces.
    const rows = Buffer.from(row.repeat(Math.floor(HUGE_BODY_CHUNK_BYTES / Buffer.byteLength(row))));
    hugeChunk = Buffer.concat([rows, Buffer.alloc(HUGE_BODY_CHUNK_BYTES - rows.length, ' ')]);
  }
  const chunk = hugeChunk;
  res.writeHead(200, { server: 'nginx', 'content-type': 'text/html; charset=utf-8' });
  let sent = -1;
  streamParts(res, () => {
    sent += 1;
    if (sent === 0)
      return Buffer.from(
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Số liệu</title></head><body><table>\n',
      );
    if (sent <= HUGE_BODY_BYTES / HUGE_BODY_CHUNK_BYTES) return chunk;
    if (sent === HUGE_BODY_BYTES / HUGE_BODY_CHUNK_BYTES + 1) return Buffer.from('</table></body></html>\n');
    return undefined;
  });
}
