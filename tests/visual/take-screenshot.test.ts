import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyAddress } from '../../checks/net/address-policy.ts';
import { compareScreenshots, VISUAL_THRESHOLDS } from '../../checks/visual/compare-screenshots.ts';
import type { AddressPolicy } from '../../checks/visual/guarded-fetch.ts';
import { launchBrowser } from '../../checks/visual/launch-browser.ts';
import { takeScreenshot, type ScreenshotResult } from '../../checks/visual/take-screenshot.ts';
import { BROWSER, needBrowser } from './browser-support.ts';
import { startPortalServer, type PortalServer } from './fixtures/portal-server.ts';

const NOW = new Date('2026-05-12T03:00:00Z');
let browser: Browser | undefined;
let portal: PortalServer;

beforeAll(async () => {
  portal = await startPortalServer();
  if ('path' in BROWSER) browser = await launchBrowser(BROWSER.path);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

function png(result: ScreenshotResult): Buffer {
  if (!result.ok) throw new Error(`screenshot failed: ${result.reason} ${result.message}`);
  return result.png;
}

describe('takeScreenshot (real Chromium, pages on 127.0.0.1)', { timeout: 60_000 }, () => {
  it('renders the portal at its final URL after the redirect, at the viewport size', async (context) => {
    const chromium = needBrowser(context, browser);
    portal.mode = 'portal';
    const result = await takeScreenshot(chromium, `${portal.origin}/`, { allowPrivate: true, now: NOW });
    expect(result).toMatchObject({ ok: true, finalUrl: `${portal.origin}/portal/home`, status: 200, refused: [] });
    expect(portal.hits).toContain('/portal/style.css'); // a relative link, resolved against the final URL
    const { default: sharp } = await import('sharp');
    const meta = await sharp(png(result)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1280, 800]);
  });

  it('gives the same picture twice for an unchanged page, carousel and clock included', async (context) => {
    const chromium = needBrowser(context, browser);
    portal.mode = 'portal';
    const first = png(await takeScreenshot(chromium, `${portal.origin}/`, { allowPrivate: true, now: NOW }));
    const second = png(await takeScreenshot(chromium, `${portal.origin}/`, { allowPrivate: true, now: NOW }));
    expect(await compareScreenshots(first, second)).toEqual({ diffRatio: 0, hashDistance: 0, changed: false });
  });

  it('paints over ignored regions, so a clock six hours later does not count', async (context) => {
    const chromium = needBrowser(context, browser);
    portal.mode = 'portal';
    const options = { allowPrivate: true, ignoreSelectors: ['#clock'] };
    const morning = png(await takeScreenshot(chromium, `${portal.origin}/`, { ...options, now: NOW }));
    const noon = png(
      await takeScreenshot(chromium, `${portal.origin}/`, { ...options, now: new Date(NOW.getTime() + 6 * 3_600_000) }),
    );
    expect((await compareScreenshots(morning, noon)).diffRatio).toBe(0);
  });

  it('does not call a news update a change', async (context) => {
    const chromium = needBrowser(context, browser);
    portal.mode = 'portal';
    const before = png(await takeScreenshot(chromium, `${portal.origin}/`, { allowPrivate: true, now: NOW }));
    portal.mode = 'news-updated';
    const after = png(await takeScreenshot(chromium, `${portal.origin}/`, { allowPrivate: true, now: NOW }));
    const comparison = await compareScreenshots(before, after);
    expect(comparison.diffRatio).toBeGreaterThan(0);
    expect(comparison.changed).toBe(false);
  });

  it('calls the "hacked by" page a change', async (context) => {
    const chromium = needBrowser(context, browser);
    portal.mode = 'portal';
    const before = png(await takeScreenshot(chromium, `${portal.origin}/`, { allowPrivate: true, now: NOW }));
    portal.mode = 'defaced';
    const after = png(await takeScreenshot(chromium, `${portal.origin}/`, { allowPrivate: true, now: NOW }));
    const comparison = await compareScreenshots(before, after);
    expect(comparison.changed).toBe(true);
    expect(comparison.diffRatio).toBeGreaterThan(VISUAL_THRESHOLDS.changedRatio);
  });

  it('still captures a page whose load never finishes (an image host that hangs)', async (context) => {
    const chromium = needBrowser(context, browser);
    portal.mode = 'portal';
    portal.extraHtml = '<img src="/slow.png" width="10" height="10">';
    const result = await takeScreenshot(chromium, `${portal.origin}/`, {
      allowPrivate: true,
      now: NOW,
      timeoutMs: 5_000,
    });
    portal.extraHtml = '';
    expect(result.ok).toBe(true);
    expect(result.ms).toBeLessThan(5_000);
  });

  it('refuses a loopback page under the engine policy without sending it a request', async (context) => {
    const chromium = needBrowser(context, browser);
    const before = portal.hits.length;
    const result = await takeScreenshot(chromium, `${portal.origin}/`, { allowPrivate: false });
    expect(result).toMatchObject({
      ok: false,
      reason: 'blocked-address',
      code: 'BLOCKED_ADDRESS',
      message: '127.0.0.1 is in the loopback range; refused by the SSRF guard',
    });
    expect(portal.hits.length).toBe(before);
  });

  it('refuses non-http URLs', async (context) => {
    const chromium = needBrowser(context, browser);
    const result = await takeScreenshot(chromium, 'file:///etc/passwd', { allowPrivate: true });
    expect(result).toMatchObject({
      ok: false,
      reason: 'invalid-url',
      message: 'only http and https pages are captured, not file:///etc/passwd',
    });
  });

  it('returns a timeout for a page that never answers', async (context) => {
    const chromium = needBrowser(context, browser);
    portal.mode = 'hang';
    const result = await takeScreenshot(chromium, `${portal.origin}/`, { allowPrivate: true, timeoutMs: 1_500 });
    portal.mode = 'portal';
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    expect(result.ms).toBeLessThan(5_000);
  });
});

describe('takeScreenshot SSRF guard (real Chromium)', { timeout: 60_000 }, () => {
  // An "internal" server on 127.0.0.2 that a hostile page tries to reach in every way a page can.
  let internal: http.Server;
  let internalPort = 0;
  let connections = 0;
  const onlyPortal: AddressPolicy = (address) =>
    address === '127.0.0.1' ? { address, range: 'unicast', allowed: true } : classifyAddress(address);

  beforeAll(async () => {
    internal = http.createServer((_req, res) => res.end('secret'));
    internal.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.2', resolve));
    internalPort = (internal.address() as AddressInfo).port;
  });

  afterAll(async () => {
    portal.extraHtml = '';
    internal.closeAllConnections();
    await new Promise((resolve) => internal.close(resolve));
  });

  it('lets nothing of a hostile page reach another address: images, frames, fetch, WebSocket, preconnect, POST', async (context) => {
    const chromium = needBrowser(context, browser);
    const target = `127.0.0.2:${internalPort}`;
    portal.mode = 'portal';
    portal.extraHtml = `<link rel="preconnect" href="http://${target}"><img src="http://${target}/secret.png"><iframe src="http://${target}/frame"></iframe>
<script>fetch('http://${target}/xhr').catch(() => {}); fetch('/portal/form', { method: 'POST', body: 'x=1' }).catch(() => {});
try { new WebSocket('ws://${target}/ws'); } catch {} navigator.sendBeacon('http://${target}/beacon', 'x');</script>`;
    const before = portal.hits.length;
    const result = await takeScreenshot(chromium, `${portal.origin}/`, {
      allowPrivate: false,
      addressPolicy: onlyPortal,
      now: NOW,
    });
    expect(result.ok).toBe(true);
    expect(connections).toBe(0);
    expect(portal.hits.slice(before)).not.toContain('/portal/form');
    expect(result.refused).toEqual(
      expect.arrayContaining([
        `http://${target}/secret.png: 127.0.0.2 is in the loopback range; refused by the SSRF guard`,
        `http://${target}/frame: 127.0.0.2 is in the loopback range; refused by the SSRF guard`,
        `${portal.origin}/portal/form: POST is not sent by screenshots`,
      ]),
    );
  });
});
