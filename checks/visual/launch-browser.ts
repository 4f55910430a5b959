import type { Browser } from 'playwright-core';

/**
 * A proxy that does not exist. Every connection the browser itself would open (page requests the
 * route guard did not serve, WebSockets, preconnects, its own background traffic) goes to this
 * closed loopback port and fails: the browser has no network of its own. Pages are served only
 * through `route-through-guard.ts`, which fetches each request from Node after the SSRF check, so
 * neither DNS rebinding nor an IP literal in a hostile page can reach an internal address.
 */
export const DEAD_PROXY = 'http://127.0.0.1:9';

/**
 * Chromium flags for monitoring: no sandbox (CI runs as root), no GPU, and no connection the
 * page did not cause (updates, sync, QUIC, DNS prefetch, WebRTC UDP, which ignores proxies).
 * `<-loopback>` removes Chromium's implicit proxy bypass for localhost, so loopback is dead too.
 */
export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--dns-prefetch-disable',
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--hide-scrollbars',
  '--font-render-hinting=none',
  `--proxy-server=${DEAD_PROXY}`,
  '--proxy-bypass-list=<-loopback>',
] as const;

export type LaunchBrowser = (executablePath: string) => Promise<Browser>;

/**
 * Starts headless Chromium from `executablePath` with `BROWSER_ARGS`. playwright-core gives each
 * launch a fresh temporary profile and deletes it on close, so no cookies or cache survive a run.
 */
export const launchBrowser: LaunchBrowser = async (executablePath) => {
  // Loaded on first launch: the library costs about 90 MB of RSS, and most runs take no screenshot.
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, headless: true, args: [...BROWSER_ARGS], timeout: 30_000 });
};
