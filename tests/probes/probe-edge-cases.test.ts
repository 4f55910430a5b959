import { spawn, type ChildProcess } from 'node:child_process';
import { Resolver } from 'node:dns/promises';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeUrl } from '../../checks/probes/http-probe.ts';
import { ProbeSettingsSchema, type ProbeSettings } from '../../checks/schemas/config.ts';

// Failure kinds the simulator's portals do not cover, each from a small server of its own on 127.0.0.1.
let server: http.Server;
let raw: net.Server;
let base: string;
let rawBase: string;
const rawSockets = new Set<net.Socket>();
const settings = ProbeSettingsSchema.parse({
  header_timeout_ms: 1_000,
  total_timeout_ms: 3_000,
  connect_timeout_ms: 500,
  max_redirects: 3,
});
const deps = { resolver: new Resolver(), ca: [], now: new Date() };
const probe = (url: string, overrides: Partial<ProbeSettings> = {}) =>
  probeUrl({ url, settings: { ...settings, ...overrides }, allowPrivate: true }, deps);

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const hop = /^\/hop\/(\d+)$/.exec(req.url ?? '');
    if (hop) {
      res.writeHead(302, { location: `/hop/${Number(hop[1]) + 1}` });
      res.end();
    } else if (req.url === '/ftp') {
      res.writeHead(301, { location: 'ftp://files.example.org/' });
      res.end();
    } else if (req.url === '/credentials') {
      res.writeHead(302, { location: 'http://user:secret@127.0.0.1/' });
      res.end();
    } else if (req.url === '/trickle') {
      // Headers at once, then a byte every 100 ms: only the total deadline stops it.
      res.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(() => res.write('.'), 100);
      res.on('close', () => clearInterval(timer));
    } else {
      res.writeHead(404);
      res.end('không tìm thấy');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  raw = net.createServer((socket) => {
    rawSockets.add(socket.on('error', () => {}).on('close', () => rawSockets.delete(socket)));
    socket.end('HTTP/1.1 2OO WHAT\r\nno colon here\r\n\r\n');
  });
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
  rawBase = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  for (const socket of rawSockets) socket.destroy();
  await Promise.all([new Promise((resolve) => server.close(resolve)), new Promise((resolve) => raw.close(resolve))]);
});

describe('probe edge cases', () => {
  it.each([
    ['/hop/0', 'too-many-redirects', 'MAX_REDIRECTS', 'more than 3 redirects'],
    ['/ftp', 'redirect-invalid', 'UNSUPPORTED_SCHEME', 'redirect to a non-HTTP(S) URL: ftp:'],
    ['/credentials', 'redirect-invalid', 'CREDENTIALS_IN_URL', 'redirect to a URL with a user name or password'],
    ['/trickle', 'timeout', 'TOTAL_TIMEOUT', 'no complete response within 3000 ms'],
  ])('%s → %s (%s)', async (path, reason, code, message) => {
    const attempt = await probe(`${base}${path}`);
    expect(attempt.failure).toEqual({ reason, code, message });
  });

  it('malformed HTTP is a bad-response with the parser’s code', async () => {
    const attempt = await probe(`${rawBase}/`);
    expect(attempt.failure?.reason).toBe('bad-response');
    expect(attempt.failure?.code).toMatch(/^HPE_/);
  });

  it('a 404 is an answer: the probe reports it, the judgement decides (expected_status)', async () => {
    const attempt = await probe(`${base}/missing`);
    expect(attempt.failure).toBeNull();
    expect(attempt.http).toMatchObject({ status: 404, bytes: Buffer.byteLength('không tìm thấy') });
  });
});

describe('connect timeout', () => {
  // A listener that never accepts, with its queue full, drops further SYNs: the connect hangs on loopback.
  let child: ChildProcess | undefined;
  let port = 0;
  const python = spawn('python3', ['--version']);
  const hasPython = new Promise<boolean>((resolve) => {
    python.on('error', () => resolve(false));
    python.on('exit', (code) => resolve(code === 0));
  });

  beforeAll(async () => {
    if (!(await hasPython)) return;
    child = spawn('python3', [
      '-c',
      [
        'import socket, time',
        's = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(0)',
        'fill = []',
        'for _ in range(4):',
        '    c = socket.socket(); c.setblocking(False); c.connect_ex(s.getsockname()); fill.append(c)',
        'print(s.getsockname()[1], flush=True); time.sleep(60)',
      ].join('\n'),
    ]);
    port = await new Promise<number>((resolve) =>
      child!.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))),
    );
  });
  afterAll(() => child?.kill());

  it('is connect-timeout, named with the address and the limit', async (context) => {
    if (!(await hasPython)) context.skip('python3 is not installed: cannot hold a listen queue full');
    const attempt = await probe(`http://127.0.0.1:${port}/`);
    expect(attempt.failure).toEqual({
      reason: 'connect-timeout',
      code: 'UND_ERR_CONNECT_TIMEOUT',
      message: `connecting to 127.0.0.1 (127.0.0.1:${port}) timed out after 500 ms`,
    });
  });
});
