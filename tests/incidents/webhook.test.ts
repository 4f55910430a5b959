import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postWebhook, type WebhookEvent } from '../../checks/incidents/webhook.ts';
import { refusedPort } from '../../checks/simulator/lifecycle.ts';

const NOW = new Date('2025-03-01T02:05:00.000Z');
const EVENT: WebhookEvent = {
  event: 'open',
  incident: {
    id: 'hanoi-gov-vn-2025-03-01-availability',
    siteId: 'hanoi-gov-vn',
    siteName: 'Cổng thông tin điện tử Hà Nội',
    kind: 'down',
    severity: 'critical',
    startedAt: '2025-03-01T02:00:00.000Z',
    resolvedAt: null,
    issueUrl: 'https://github.com/org/status/issues/7',
    internalUrl: null,
  },
  at: '2025-03-01T02:05:00.000Z',
};

interface Received {
  readonly method: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

let servers: Server[] = [];
afterEach(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
  servers = [];
});

/** A receiver on 127.0.0.1:0 that answers each request with the next handler (the last one repeats). */
async function receiver(
  ...handlers: ((res: ServerResponse) => void)[]
): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      handlers[Math.min(received.length, handlers.length) - 1]!(res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/T0KEN-in-path`, received };
}

const status = (code: number) => (res: ServerResponse) => res.writeHead(code).end('{"ignored":true}');
const deps = () => {
  const sleeps: number[] = [];
  return { sleeps, deps: { now: NOW, sleep: async (ms: number) => void sleeps.push(ms) } };
};

const ourHeaders = (headers: IncomingHttpHeaders) =>
  Object.fromEntries(
    Object.entries(headers).filter(([k]) => k.startsWith('x-canhgac-') || k === 'content-type' || k === 'user-agent'),
  );

describe('postWebhook', () => {
  it('POSTs the payload as JSON with our headers and a GitHub-style HMAC signature', async () => {
    const { url, received } = await receiver(status(204));
    const { deps: d, sleeps } = deps();
    const secret = 'bí mật-s3cret';
    const result = await postWebhook(
      { url, secret, timeoutMs: 5_000 },
      { ...EVENT, extra: 'ignored' } as WebhookEvent,
      d,
    );

    expect(result).toEqual({ ok: true, status: 204 });
    expect(sleeps).toEqual([]);
    expect(received).toHaveLength(1);
    const [req] = received;
    expect(req!.method).toBe('POST');
    expect(req!.body).toBe(
      '{"event":"open","incident":{"id":"hanoi-gov-vn-2025-03-01-availability","siteId":"hanoi-gov-vn","siteName":"Cổng thông tin điện tử Hà Nội","kind":"down","severity":"critical","startedAt":"2025-03-01T02:00:00.000Z","resolvedAt":null,"issueUrl":"https://github.com/org/status/issues/7","internalUrl":null},"at":"2025-03-01T02:05:00.000Z"}',
    );
    const expected = `sha256=${createHmac('sha256', secret).update(Buffer.from(req!.body, 'utf8')).digest('hex')}`;
    expect(ourHeaders(req!.headers)).toEqual({
      'content-type': 'application/json',
      'user-agent': 'CanhGac',
      'x-canhgac-event': 'open',
      'x-canhgac-signature-256': expected,
    });
    // How a receiver checks it: constant-time comparison of the hex digests.
    const given = String(req!.headers['x-canhgac-signature-256']);
    expect(timingSafeEqual(Buffer.from(given), Buffer.from(expected))).toBe(true);
  });

  it('sends no signature header without a secret', async () => {
    const { url, received } = await receiver(status(200));
    const result = await postWebhook(
      { url, secret: undefined, timeoutMs: 5_000 },
      { ...EVENT, event: 'resolve' },
      deps().deps,
    );
    expect(result).toEqual({ ok: true, status: 200 });
    expect(ourHeaders(received[0]!.headers)).toEqual({
      'content-type': 'application/json',
      'user-agent': 'CanhGac',
      'x-canhgac-event': 'resolve',
    });
  });

  it('retries once after a 5xx', async () => {
    const { url, received } = await receiver(status(500), status(200));
    const { deps: d, sleeps } = deps();
    expect(await postWebhook({ url, timeoutMs: 5_000 }, EVENT, d)).toEqual({ ok: true, status: 200 });
    expect(received).toHaveLength(2);
    expect(received[1]!.body).toBe(received[0]!.body);
    expect(sleeps).toEqual([2_000]);
  });

  it('gives up after the retry, naming the host and not the path', async () => {
    const { url, received } = await receiver(status(503));
    const result = await postWebhook({ url, timeoutMs: 5_000 }, EVENT, deps().deps);
    const host = new URL(url).host;
    expect(result).toEqual({
      ok: false,
      error: `webhook to ${host} answered HTTP 503 Service Unavailable, after a retry`,
    });
    expect(received).toHaveLength(2);
  });

  it('does not retry a 4xx, nor follow a redirect', async () => {
    const { url, received } = await receiver(status(401));
    const host = new URL(url).host;
    expect(await postWebhook({ url, timeoutMs: 5_000 }, EVENT, deps().deps)).toEqual({
      ok: false,
      error: `webhook to ${host} answered HTTP 401 Unauthorized`,
    });
    const redirecting = await receiver((res) => res.writeHead(302, { location: '/elsewhere' }).end());
    const to = new URL(redirecting.url).host;
    expect(await postWebhook({ url: redirecting.url, timeoutMs: 5_000 }, EVENT, deps().deps)).toEqual({
      ok: false,
      error: `webhook to ${to} answered HTTP 302 Found`,
    });
    expect(received).toHaveLength(1);
    expect(redirecting.received).toHaveLength(1);
  });

  it('times out, without a retry', async () => {
    const { url, received } = await receiver(() => {
      /* never answers */
    });
    const { deps: d, sleeps } = deps();
    const started = performance.now();
    const result = await postWebhook({ url, timeoutMs: 300 }, EVENT, d);
    expect(result).toEqual({ ok: false, error: `webhook to ${new URL(url).host} timed out after 300 ms` });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(received).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('reports a refused connection (a closed port) after one retry', async () => {
    const url = `http://127.0.0.1:${await refusedPort('127.0.0.1')}/hook`;
    const { deps: d, sleeps } = deps();
    const result = await postWebhook({ url, timeoutMs: 2_000 }, EVENT, d);
    expect(result).toEqual({
      ok: false,
      error: `webhook to ${new URL(url).host} failed: connection refused (ECONNREFUSED), after a retry`,
    });
    expect(sleeps).toEqual([2_000]);
  });

  it('never throws: an invalid URL and a throwing fetch become errors', async () => {
    expect(await postWebhook({ url: 'not a url', timeoutMs: 1_000 }, EVENT, deps().deps)).toEqual({
      ok: false,
      error: 'webhook: the configured URL is not a valid URL',
    });
    const broken = (() => {
      throw new Error('boom');
    }) as unknown as typeof fetch;
    expect(
      await postWebhook({ url: 'https://hooks.example.org/x', timeoutMs: 1_000 }, EVENT, {
        ...deps().deps,
        fetch: broken,
      }),
    ).toEqual({
      ok: false,
      error: 'webhook to hooks.example.org failed: boom, after a retry',
    });
  });
});
