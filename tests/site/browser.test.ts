import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, makeBuildOut, removeBuildAndFixture } from '../support/build-site.ts';
import { findPageTypes, PAGE_TYPES, type FoundPage, type PageType } from '../support/page-types.ts';
import { HOSTILE, XSS_FLAG, writeSiteFixture, type SiteFixture } from '../support/site-fixture.ts';
import { startStaticServer, type StaticServer } from '../support/static-server.ts';
import { BROWSER, NO_BROWSER, needBrowser } from '../visual/browser-support.ts';
import { StatusFileSchema } from '../../checks/schemas/status.ts';
import { foldForSearch, formatDateTime } from '../../site/lib/format.ts';
import { formatBytes, formatMs, plainLine } from '../../site/lib/last-check.ts';
import type { SearchIndex } from '../../site/lib/search-index.ts';

/**
 * The public site in real Chromium (issue #5), built from the markers fixture (50 sites, hostile
 * names and incident texts) and served from 127.0.0.1: every page type renders without console
 * errors or failed requests, has no axe violation (WCAG 2.0/2.1 A and AA), the 90-day bars are
 * reachable and readable by keyboard, the language switch goes both ways, and hostile text stays text.
 * Without Chromium every test is skipped with the reason (NO_BROWSER).
 */
let tmp: string | undefined;
let out: string | undefined;
let fixture: SiteFixture;
let server: StaticServer;
let browser: Browser | undefined;
let pages: FoundPage[] = [];
let internalServer: StaticServer;
let internalPages: FoundPage[] = [];
let internalDir: string;
let publicDir: string;

beforeAll(async () => {
  if (NO_BROWSER || !('path' in BROWSER)) return;
  tmp = await mkdtemp(path.join(os.tmpdir(), 'canhgac-browser-'));
  fixture = await writeSiteFixture(path.join(tmp, 'data'), { sites: 50, markers: true, images: 0 });
  out = await makeBuildOut('browser');
  const built = await buildSite({ data: fixture.dir, out, variant: 'public', now: fixture.buildNow });
  publicDir = built.dir;
  server = await startStaticServer(built.dir);
  pages = await findPageTypes(built.dir, {
    siteIds: fixture.siteIds,
    incidentIds: fixture.publicIncidentIds,
    preferSiteId: fixture.hostileSiteIds[0],
  });
  const internal = await buildSite({ data: fixture.dir, out, variant: 'internal', now: fixture.buildNow });
  internalDir = internal.dir;
  internalServer = await startStaticServer(internal.dir);
  internalPages = await findPageTypes(internal.dir, {
    siteIds: fixture.siteIds,
    incidentIds: fixture.publicIncidentIds,
    preferSiteId: fixture.exampleSites.defaced,
  });
  browser = await chromium.launch({ executablePath: BROWSER.path, args: ['--no-sandbox', '--disable-gpu'] });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await internalServer?.close();
  await removeBuildAndFixture(out, tmp);
});

/** The page of a type, or a failure naming what the build lacks (never a silent pass). */
function pathOf(type: PageType): string {
  const found = pages.find((p) => p.type === type);
  if (!found || 'missing' in found)
    throw new Error(`no ${type} to test: ${found && 'missing' in found ? found.missing : 'not looked for'}`);
  return found.path;
}

interface Visit {
  readonly page: Page;
  /** Console errors, uncaught exceptions, dialogs (alert from a payload) and failed requests. */
  readonly problems: string[];
  close(): Promise<void>;
}

/** A fresh context (axe needs one from browser.newContext()) at `urlPath`, recording problems. */
async function visit(chromiumBrowser: Browser, urlPath: string, origin = server.origin): Promise<Visit> {
  const context = await chromiumBrowser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog (${d.type()}): ${d.message()}`);
    void d.dismiss();
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  await page.goto(origin + urlPath, { waitUntil: 'load' });
  return { page, problems, close: () => context.close() };
}

/** Proof that no payload ran: the flag is unset and no element the payloads would inject exists. */
async function injected(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const found = [];
    if (typeof window.${XSS_FLAG} !== 'undefined') found.push('window.${XSS_FLAG} = ' + String(window.${XSS_FLAG}));
    for (const el of document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onmouseover]')) found.push('element ' + el.outerHTML.slice(0, 120));
    for (const s of document.scripts) if (s.textContent.includes('${XSS_FLAG}')) found.push('script ' + s.textContent.slice(0, 120));
    return found;
  })()`);
}

describe('the public site in Chromium (markers fixture, 50 sites)', { timeout: 120_000 }, () => {
  it('has every public page type', (context) => {
    needBrowser(context, browser);
    expect(pages.map((p) => ('missing' in p ? `${p.type}: MISSING (${p.missing})` : `${p.type}: ${p.path}`))).toEqual(
      PAGE_TYPES.map((type) => expect.stringMatching(new RegExp(`^${type.replace(/[()]/g, '\\$&')}: /`))),
    );
  });

  for (const type of PAGE_TYPES) {
    it(`${type}: renders with no console error, failed request or 404, and no axe violation (WCAG 2.0/2.1 A, AA)`, async (context) => {
      const chromiumBrowser = needBrowser(context, browser);
      const v = await visit(chromiumBrowser, pathOf(type));
      try {
        expect(await v.page.locator('h1').count(), 'one h1').toBe(1);
        const result = await new AxeBuilder({ page: v.page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
          .analyze();
        const violations = result.violations.map(
          (x) =>
            `${x.id} (${x.impact}): ${x.help} — ${x.nodes
              .slice(0, 3)
              .map((n) => n.target.join(' '))
              .join(' | ')}`,
        );
        expect(violations).toEqual([]);
        expect(v.problems).toEqual([]);
      } finally {
        await v.close();
      }
    });
  }

  for (const type of ['home (vi)', 'group page', 'site page'] as const) {
    it(`${type}: the 90-day bars are reached with Tab, moved with the arrow keys, and say the day's uptime`, async (context) => {
      const chromiumBrowser = needBrowser(context, browser);
      const v = await visit(chromiumBrowser, pathOf(type));
      try {
        const sliders = v.page.getByRole('slider');
        expect(await sliders.count(), 'a bar strip exposed as a slider').toBeGreaterThan(0);
        // Tab from the top until focus is on a bar strip (links and the filter come before it).
        let role: string | null = null;
        for (let i = 0; i < 80 && role !== 'slider'; i++) {
          await v.page.keyboard.press('Tab');
          role = await v.page.evaluate(`document.activeElement && document.activeElement.getAttribute('role')`);
        }
        expect(role, 'Tab reaches a bar strip within 80 presses').toBe('slider');
        const focused = v.page.locator(':focus');
        const label = await focused.getAttribute('aria-label');
        expect(label?.trim(), 'the strip has a name').toBeTruthy();
        const last = await focused.getAttribute('aria-valuetext');
        expect(last).toMatch(/^\d{2}\/\d{2}\/\d{4}: /); // the last day, e.g. "25/11/2026: hoạt động 100 % (288/288 …)"
        await v.page.keyboard.press('ArrowLeft');
        const before = await focused.getAttribute('aria-valuetext');
        expect(before).toMatch(/^\d{2}\/\d{2}\/\d{4}: /);
        expect(before).not.toBe(last);
        await v.page.keyboard.press('Home');
        expect(await focused.getAttribute('aria-valuenow')).toBe('1');
        await v.page.keyboard.press('End');
        expect(await focused.getAttribute('aria-valuenow')).toBe(await focused.getAttribute('aria-valuemax'));
        expect(await focused.getAttribute('aria-valuemax')).toBe('90');
        // The visible tooltip shows the same words the slider speaks.
        const spoken = (await focused.getAttribute('aria-valuetext'))!;
        const shown = v.page.getByText(spoken, { exact: true });
        await expect.poll(() => shown.isVisible(), { message: `a visible tooltip reading "${spoken}"` }).toBe(true);
        expect(v.problems).toEqual([]);
      } finally {
        await v.close();
      }
    });
  }

  for (const [type, other] of [
    ['home (vi)', 'en'],
    ['site page', 'en'],
  ] as const) {
    it(`${type}: the language switch goes vi → en → vi on the same page`, async (context) => {
      const chromiumBrowser = needBrowser(context, browser);
      const start = pathOf(type);
      const v = await visit(chromiumBrowser, start);
      try {
        expect(await v.page.getAttribute('html', 'lang')).toBe('vi');
        await v.page.locator(`a[hreflang="${other}"]`).first().click();
        await v.page.waitForURL((url) => url.pathname === `/en${start}`);
        expect(await v.page.getAttribute('html', 'lang')).toBe('en');
        await v.page.locator('a[hreflang="vi"]').first().click();
        await v.page.waitForURL((url) => url.pathname === start);
        expect(await v.page.getAttribute('html', 'lang')).toBe('vi');
        expect(v.problems).toEqual([]);
      } finally {
        await v.close();
      }
    });
  }

  for (const [type, prefix] of [
    ['home (vi)', ''],
    ['home (en)', '/en'],
    ['group page', ''],
  ] as const) {
    it(`${type}: the search box finds "Đà Nẵng" from "da nang", lists links, and is used by keyboard alone`, async (context) => {
      const chromiumBrowser = needBrowser(context, browser);
      const index = JSON.parse(await readFile(path.join(publicDir, 'tim-kiem.json'), 'utf8')) as SearchIndex;
      const expected = index.sites.filter(([id, name, nameEn]) =>
        foldForSearch(`${name} ${nameEn} ${id}`).includes('da nang'),
      );
      expect(expected.length, 'the fixture has sites in Đà Nẵng').toBeGreaterThan(0);
      const v = await visit(chromiumBrowser, pathOf(type));
      const fetched: string[] = [];
      v.page.on('request', (r) => r.url().includes('tim-kiem') && fetched.push(r.url()));
      try {
        // Tab from the top of the page until the search box has focus.
        let id: string | null = null;
        for (let i = 0; i < 60 && id !== 'q'; i++) {
          await v.page.keyboard.press('Tab');
          id = await v.page.evaluate(`document.activeElement && document.activeElement.id`);
        }
        expect(id, 'Tab reaches the search box').toBe('q');
        expect(await v.page.getByRole('searchbox').getAttribute('id')).toBe('q');
        await v.page.keyboard.type('da nang');
        const results = v.page.locator('#q-results a');
        await expect.poll(() => results.count(), { message: 'results listed' }).toBe(Math.min(50, expected.length));
        const texts = await results.allTextContents();
        for (const text of texts) expect(text).toMatch(/Đà Nẵng/);
        const axe = await new AxeBuilder({ page: v.page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
          .analyze();
        expect(axe.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
        const hrefs = await results.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        for (const href of hrefs) expect(href).toMatch(new RegExp(`^${prefix}/site/[^/]+/$`));
        expect(await v.page.getByRole('status').filter({ hasText: /\d/ }).first().textContent()).toMatch(
          new RegExp(String(expected.length)),
        );
        // Down into the results, through them, back up to the box; Enter follows a link.
        await v.page.keyboard.press('ArrowDown');
        expect(await v.page.evaluate('document.activeElement.textContent')).toBe(texts[0]);
        if (texts.length > 1) {
          await v.page.keyboard.press('ArrowDown');
          expect(await v.page.evaluate('document.activeElement.textContent')).toBe(texts[1]);
          await v.page.keyboard.press('ArrowUp');
        }
        await v.page.keyboard.press('ArrowUp');
        expect(await v.page.evaluate('document.activeElement.id')).toBe('q');
        await v.page.keyboard.press('ArrowDown');
        await v.page.keyboard.press('Enter');
        await v.page.waitForURL((url) => url.pathname === hrefs[0]);
        expect(await v.page.locator('h1').textContent()).toMatch(/Đà Nẵng/);
        // The index was fetched once, when the box was first used.
        expect(fetched).toHaveLength(1);
        expect(v.problems).toEqual([]);
      } finally {
        await v.close();
      }
    });
  }

  it('without JavaScript the search box stays hidden and the groups lead to every site by plain links', async (context) => {
    const chromiumBrowser = needBrowser(context, browser);
    const noScript = await chromiumBrowser.newContext({ javaScriptEnabled: false });
    try {
      const page = await noScript.newPage();
      await page.goto(`${server.origin}/`);
      expect(await page.locator('#q').isVisible()).toBe(false);
      const groups = await page.locator('a[href^="/nhom/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(groups.length).toBeGreaterThan(0);
      const linked = new Set<string>();
      for (const group of groups) {
        await page.goto(`${server.origin}${group}`);
        for (const href of await page
          .locator('a[href^="/site/"]')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
          linked.add(href!.split('/')[2]!);
      }
      expect([...linked].sort()).toEqual([...fixture.siteIds].sort());
    } finally {
      await noScript.close();
    }
  });

  it('search results show hostile names as text', async (context) => {
    const chromiumBrowser = needBrowser(context, browser);
    const v = await visit(chromiumBrowser, '/');
    try {
      await v.page.locator('#q').fill('window');
      await expect.poll(() => v.page.locator('#q-results a').count()).toBeGreaterThan(0);
      expect(await v.page.locator('#q-results').textContent()).toContain(HOSTILE.attr.trim());
      expect(await injected(v.page)).toEqual([]);
      expect(v.problems).toEqual([]);
    } finally {
      await v.close();
    }
  });

  it('renders hostile site names, group names, maintenance notes and incident texts as text on every page that shows them', async (context) => {
    const chromiumBrowser = needBrowser(context, browser);
    const targets = new Set<string>(['/', '/en/', pathOf('incidents list'), `/en${pathOf('incidents list')}`]);
    // Every group page (the hostile group name is on the home and its own page, the hostile site names on theirs).
    const home = await visit(chromiumBrowser, '/');
    const groupPages = await home.page
      .locator('a[href^="/nhom/"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    await home.close();
    expect(groupPages.length, 'the home page links the group pages').toBeGreaterThan(0);
    for (const g of groupPages) targets.add(g).add(`/en${g}`);
    // The hostile sites' own pages and the incidents whose updates carry payloads, found by link.
    for (const listPage of [...groupPages, pathOf('incidents list')]) {
      const v = await visit(chromiumBrowser, listPage);
      for (const id of [...fixture.hostileSiteIds, ...fixture.hostileIncidentIds]) {
        const href = await v.page
          .locator(`a[href*="/${id}/"]`)
          .first()
          .getAttribute('href', { timeout: 1_000 })
          .catch(() => null);
        if (href) targets.add(href);
      }
      await v.close();
    }
    const hostileSitePages = [...targets].filter((t) => fixture.hostileSiteIds.some((id) => t.includes(`/${id}/`)));
    expect(hostileSitePages.length, 'the group pages link the hostile sites').toBeGreaterThanOrEqual(
      fixture.hostileSiteIds.length,
    );
    const seen = new Set<string>();
    for (const target of targets) {
      const v = await visit(chromiumBrowser, target);
      try {
        expect(await injected(v.page), target).toEqual([]);
        expect(v.problems, target).toEqual([]);
        const text: string = await v.page.evaluate('document.body.innerText');
        for (const [name, payload] of Object.entries(HOSTILE))
          if (text.includes(payload.replace(/\u202E|\u202C/g, '').trim()) || text.includes(payload)) seen.add(name);
      } finally {
        await v.close();
      }
    }
    // Each payload was on screen somewhere as literal text (so the pages really received it).
    expect([...seen].sort()).toEqual(Object.keys(HOSTILE).sort());
  });

  it('internal site page of a defaced site and the dashboard: hostile page text from signals and evidence stays text', async (context) => {
    const chromiumBrowser = needBrowser(context, browser);
    const site = internalPages.find((p) => p.type === 'site page');
    if (!site || 'missing' in site)
      throw new Error(`no internal site page: ${site && 'missing' in site ? site.missing : 'not looked for'}`);
    expect(site.path).toContain(`/${fixture.exampleSites.defaced}/`);
    for (const target of [site.path, '/noi-bo/']) {
      const v = await visit(chromiumBrowser, target, internalServer.origin);
      try {
        expect(await injected(v.page), target).toEqual([]);
        expect(v.problems, target).toEqual([]);
      } finally {
        await v.close();
      }
    }
    const v = await visit(chromiumBrowser, site.path, internalServer.origin);
    try {
      // The defaced site's evidence carries HOSTILE.script; it must be on screen as characters.
      expect(await v.page.evaluate('document.body.innerText')).toContain(HOSTILE.script);
    } finally {
      await v.close();
    }
  });

  it('internal site page: the per-run section shows the last check from the copied status file, its headers as text; without JavaScript, a link to the file', async (context) => {
    const chromiumBrowser = needBrowser(context, browser);
    const id = fixture.exampleSites.defaced!;
    // The monitored server's headers are hostile text: add some to the copy the page reads.
    const file = path.join(internalDir, 'status', `${id}.json`);
    const copied = StatusFileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    if (!copied.http) throw new Error(`${id}: the fixture's defaced site has no HTTP result`);
    const headers = {
      ...copied.http.headers,
      'x-powered-by': HOSTILE.script,
      'x-note': `${HOSTILE.img} ${HOSTILE.rtl}`,
    };
    const status = { ...copied, http: { ...copied.http, headers } };
    await writeFile(file, JSON.stringify(status));
    const { http } = status;

    for (const lang of ['vi', 'en'] as const) {
      const v = await visit(chromiumBrowser, `${lang === 'en' ? '/en' : ''}/site/${id}/`, internalServer.origin);
      try {
        await v.page.waitForSelector('[data-last-check][data-loaded]');
        const text = (run: string) => v.page.locator(`[data-run="${run}"]`).textContent();
        const timeZone = await v.page.locator('[data-last-check]').getAttribute('data-tz');
        expect(await text('checkedAt')).toBe(formatDateTime(status.checkedAt, timeZone!));
        expect(await text('bytes')).toBe(formatBytes(http.bytes, lang));
        expect(await text('dns-ms')).toBe(formatMs(status.dns!.ms, lang));
        for (const phase of ['dns', 'connect', 'tls', 'ttfb', 'total'] as const)
          expect(await text(`timing-${phase}`), phase).toBe(formatMs(http.timings[phase], lang));
        const shown = await v.page
          .locator('[data-run="headers"] > dt, [data-run="headers"] > dd')
          .evaluateAll((nodes) => nodes.map((n) => n.textContent));
        expect(shown).toEqual(
          Object.entries(headers).flatMap(([name, value]) => [plainLine(name, 60), plainLine(value, 200)]),
        );
        expect(await v.page.locator('[data-run="headers"]').textContent()).toContain(HOSTILE.script);
        expect(await injected(v.page)).toEqual([]);
        expect(v.problems).toEqual([]);
      } finally {
        await v.close();
      }
    }

    const noScript = await chromiumBrowser.newContext({ javaScriptEnabled: false });
    try {
      const page = await noScript.newPage();
      await page.goto(`${internalServer.origin}/site/${id}/`);
      const link = page.locator('[data-last-check] a');
      expect(await link.textContent()).toBe('Bản ghi lần kiểm tra gần nhất (JSON)');
      expect(await page.locator('[data-run]').count()).toBe(0);
      const response = await page.request.get(new URL((await link.getAttribute('href'))!, page.url()).href);
      expect(response.status()).toBe(200);
      expect(((await response.json()) as { id: string }).id).toBe(id);
    } finally {
      await noScript.close();
    }
  });
});
