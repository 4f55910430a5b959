/**
 * bench:site — the status site's budgets (issue #5) on this machine.
 *
 * Writes the 1,000-site × 90-day fixture (tests/support/site-fixture.ts), builds the public and the
 * internal site `--runs` times each into fresh output dirs (cold content cache, as in CI) and prints
 * median wall times (target: both ≤ 60 s), peak RSS, page counts and output size; the public home's
 * HTML plus the CSS and JS it links, gzipped (target ≤ 150 KB); then axe-core (wcag2a/aa, wcag21a/aa)
 * on one page of each public type in Chromium, README screenshots into .github/readme/, and Lighthouse
 * (bench/lighthouse.ts; desktop, simulate and/or provided throttling) on the same pages, judged against
 * performance ≥ 95 and accessibility 100. Lighthouse takes about 15 s per page and mode.
 *
 *   npm run bench:site -- [--sites 1000] [--days 90] [--runs 3] [--no-axe] [--no-screenshots]
 *                         [--no-lighthouse] [--lighthouse-throttling both|simulate|provided] [--keep]
 */
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { buildSite, makeBuildOut, removeBuild, ROOT, type BuildResult } from '../tests/support/build-site.ts';
import { findPageTypes, type FoundPage } from '../tests/support/page-types.ts';
import { listFiles } from '../tests/support/scan-output.ts';
import { writeSiteFixture } from '../tests/support/site-fixture.ts';
import { startStaticServer } from '../tests/support/static-server.ts';
import { findBrowser } from '../checks/visual/find-browser.ts';
import {
  LIGHTHOUSE_TARGETS,
  lighthouseMisses,
  runLighthouse,
  THROTTLING_MODES,
  type ThrottlingMode,
} from './lighthouse.ts';

const { values } = parseArgs({
  options: {
    sites: { type: 'string', default: '1000' },
    days: { type: 'string', default: '90' },
    runs: { type: 'string', default: '3' },
    'no-axe': { type: 'boolean', default: false },
    'no-screenshots': { type: 'boolean', default: false },
    'no-lighthouse': { type: 'boolean', default: false },
    'lighthouse-throttling': { type: 'string', default: 'both' },
    keep: { type: 'boolean', default: false },
  },
});
const SITES = Number(values.sites);
const RUNS = Math.max(1, Number(values.runs));
const BUILD_BUDGET_MS = 60_000;
const HOME_BUDGET_BYTES = 150 * 1024;
const throttling = values['lighthouse-throttling'];
if (throttling !== 'both' && !(THROTTLING_MODES as readonly string[]).includes(throttling))
  throw new Error(`--lighthouse-throttling must be both, simulate or provided, not "${throttling}"`);
const LIGHTHOUSE_MODES: readonly ThrottlingMode[] =
  throttling === 'both' ? THROTTLING_MODES : [throttling as ThrottlingMode];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The home page plus the CSS/JS files it links (stylesheets, scripts, module preloads), gzipped at level 9. */
async function homeWeight(dir: string) {
  const html = await readFile(path.join(dir, 'index.html'));
  const text = html.toString('utf8');
  const refs = new Set<string>();
  for (const m of text.matchAll(/<link\b[^>]*>/gi))
    if (/rel=["']?(stylesheet|modulepreload)/i.test(m[0])) refs.add(/href=["']?([^"'\s>]+)/i.exec(m[0])?.[1] ?? '');
  for (const m of text.matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>]+)/gi)) refs.add(m[1]!);
  const parts = [{ name: 'index.html', raw: html.length, gzip: gzipSync(html, { level: 9 }).length }];
  for (const ref of [...refs].filter((r) => r.startsWith('/') && !r.startsWith('//'))) {
    const content = await readFile(path.join(dir, ref.split('?')[0]!));
    parts.push({ name: ref, raw: content.length, gzip: gzipSync(content, { level: 9 }).length });
  }
  const external = [...refs].filter((r) => !r.startsWith('/') || r.startsWith('//'));
  return { parts, external, raw: parts.reduce((s, p) => s + p.raw, 0), gzip: parts.reduce((s, p) => s + p.gzip, 0) };
}

async function outputStats(dir: string) {
  const files = await listFiles(dir);
  let bytes = 0;
  for (const f of files) bytes += (await stat(path.join(dir, f))).size;
  return { files: files.length, html: files.filter((f) => f.endsWith('.html')).length, bytes };
}

const outs: string[] = [];

const tmp = await mkdtemp(path.join(os.tmpdir(), 'canhgac-bench-site-'));
try {
  const cores = os.availableParallelism();
  console.log(
    `bench:site — ${SITES} sites × ${values.days} days, ${RUNS} run(s) per build, ${cores} cores, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(2)}`,
  );
  const started = performance.now();
  const fixture = await writeSiteFixture(path.join(tmp, 'data'), {
    sites: SITES,
    days: Number(values.days),
    images: 8,
  });
  console.log(
    `fixture written in ${seconds(performance.now() - started)}: ${Object.entries(fixture.files)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );

  const builds: { public: BuildResult[]; internal: BuildResult[] } = { public: [], internal: [] };
  let out = '';
  for (let run = 1; run <= RUNS; run++) {
    if (out && !values.keep) await removeBuild(out);
    out = await makeBuildOut(`bench-${run}`);
    outs.push(out);
    for (const variant of ['public', 'internal'] as const) {
      const result = await buildSite({ data: fixture.dir, out, variant, now: fixture.buildNow });
      builds[variant].push(result);
      console.log(
        `  run ${run} ${variant.padEnd(8)} ${seconds(result.ms)}  peak RSS ${result.maxRssBytes ? mb(result.maxRssBytes) : '?'}`,
      );
    }
  }
  const publicDir = path.join(out, 'public');
  const internalDir = path.join(out, 'internal');
  const [pub, int] = [await outputStats(publicDir), await outputStats(internalDir)];
  const medPublic = median(builds.public.map((b) => b.ms));
  const medInternal = median(builds.internal.map((b) => b.ms));
  const rss = (rs: BuildResult[]) => Math.max(...rs.map((r) => r.maxRssBytes ?? 0));
  console.log(`\nBuilds (median of ${RUNS}, cold content cache, wall time including Astro's start-up)`);
  console.log(
    table(
      ['build', 'median', 'runs', 'HTML pages', 'files', 'output', 'peak RSS'],
      [
        [
          'public',
          seconds(medPublic),
          builds.public.map((b) => seconds(b.ms)).join(', '),
          String(pub.html),
          String(pub.files),
          mb(pub.bytes),
          mb(rss(builds.public)),
        ],
        [
          'internal',
          seconds(medInternal),
          builds.internal.map((b) => seconds(b.ms)).join(', '),
          String(int.html),
          String(int.files),
          mb(int.bytes),
          mb(rss(builds.internal)),
        ],
        [
          'total',
          `${seconds(medPublic + medInternal)}`,
          `target ≤ ${seconds(BUILD_BUDGET_MS)}: ${medPublic + medInternal <= BUILD_BUDGET_MS ? 'met' : 'MISSED'}`,
          '',
          '',
          '',
          '',
        ],
      ],
    ),
  );

  const home = await homeWeight(publicDir);
  console.log(`\nPublic home page weight (gzip -9 each file, summed)`);
  console.log(
    table(
      ['file', 'raw', 'gzipped'],
      [
        ...home.parts.map((p) => [p.name, kb(p.raw), kb(p.gzip)]),
        [
          'total',
          kb(home.raw),
          `${kb(home.gzip)} (target ≤ ${kb(HOME_BUDGET_BYTES)}: ${home.gzip <= HOME_BUDGET_BYTES ? 'met' : 'MISSED'})`,
        ],
      ],
    ),
  );
  if (home.external.length) console.log(`external references not counted: ${home.external.join(', ')}`);

  const found = await findPageTypes(publicDir, {
    siteIds: fixture.siteIds,
    incidentIds: fixture.publicIncidentIds,
    preferSiteId: fixture.exampleSites.down,
  });
  const browserFound = findBrowser({ env: process.env });
  if ('missing' in browserFound) {
    console.log(`\naxe and screenshots skipped: no Chromium found (${browserFound.missing})`);
  } else if (!values['no-axe'] || !values['no-screenshots']) {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: browserFound.path,
      args: ['--no-sandbox', '--disable-gpu'],
    });
    const server = await startStaticServer(publicDir);
    try {
      if (!values['no-axe']) {
        const { default: AxeBuilder } = await import('@axe-core/playwright');
        const rows: string[][] = [];
        for (const page of found) {
          if ('missing' in page) {
            rows.push([page.type, '—', '—', `not checked: ${page.missing}`]);
            continue;
          }
          const context = await browser.newContext();
          const tab = await context.newPage();
          const t0 = performance.now();
          await tab.goto(server.origin + page.path, { waitUntil: 'load' });
          const result = await new AxeBuilder({ page: tab })
            .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
            .analyze();
          const nodes = result.violations.reduce((s, v) => s + v.nodes.length, 0);
          rows.push([
            page.type,
            page.path,
            `${result.violations.length} (${nodes} nodes)`,
            result.violations.map((v) => `${v.id}×${v.nodes.length}`).join(', ') +
              ` [${seconds(performance.now() - t0)}]`,
          ]);
          await context.close();
        }
        console.log(
          `\naxe-core ${(await import('axe-core')).default.version} (wcag2a, wcag2aa, wcag21a, wcag21aa) in ${browserFound.path}, ${SITES}-site build`,
        );
        console.log(table(['page type', 'path', 'violations', 'rules'], rows));
      }
      if (!values['no-screenshots']) {
        const shots = path.join(ROOT, '.github', 'readme');
        await mkdir(shots, { recursive: true });
        const { default: sharp } = await import('sharp');
        const internalServer = await startStaticServer(internalDir);
        try {
          const internalFound = await findPageTypes(internalDir, {
            siteIds: fixture.siteIds,
            incidentIds: fixture.publicIncidentIds,
            preferSiteId: fixture.exampleSites.defaced,
          });
          const internalSite = internalFound.find((p) => p.type === 'site page');
          const targets: [string, string, FoundPage | undefined][] = [
            ['public-home.webp', server.origin, found[0]],
            ['public-sites.webp', server.origin, found[0]],
            ['internal-site.webp', internalServer.origin, internalSite],
          ];
          for (const [name, origin, page] of targets) {
            if (!page || 'missing' in page) {
              console.log(`screenshot ${name} not taken: ${page && 'missing' in page ? page.missing : 'no page'}`);
              continue;
            }
            const context = await browser.newContext({
              viewport: { width: 1200, height: 900 },
              deviceScaleFactor: 1,
              locale: 'vi-VN',
              timezoneId: 'Asia/Ho_Chi_Minh',
            });
            const tab = await context.newPage();
            await tab.goto(origin + page.path, { waitUntil: 'load' });
            // The internal page's point is its responders' section: start the picture there.
            const details = tab.getByRole('heading', { name: /chi tiết nội bộ|internal details/i }).first();
            if (name.startsWith('internal') && (await details.count())) {
              const box = await details.boundingBox();
              if (box) await tab.evaluate(`window.scrollTo(0, ${Math.max(0, Math.round(box.y) - 16)})`);
            }
            // The sites with their 90 daily bars, one bar's tooltip showing (keyboard focus, as a visitor would).
            if (name === 'public-sites.webp') {
              const sites = tab.getByRole('heading', { name: /^\d+ cổng thông tin/i }).first();
              const box = (await sites.count()) ? await sites.boundingBox() : null;
              if (box) await tab.evaluate(`window.scrollTo(0, ${Math.max(0, Math.round(box.y) - 16)})`);
              const slider = tab.getByRole('slider').nth(2);
              if (await slider.count()) {
                await slider.focus();
                await tab.keyboard.press('ArrowLeft');
              }
            }
            const png = await tab.screenshot({ type: 'png' });
            // README images stay under 150 KB: lower the quality until they fit.
            let webp = await sharp(png).webp({ quality: 75, effort: 6 }).toBuffer();
            for (let quality = 65; webp.length > 150 * 1024 && quality >= 35; quality -= 10)
              webp = await sharp(png).webp({ quality, effort: 6 }).toBuffer();
            await writeFile(path.join(shots, name), webp);
            console.log(`screenshot .github/readme/${name}: ${page.path}, 1200×900, ${kb(webp.length)}`);
            await context.close();
          }
        } finally {
          await internalServer.close();
        }
      }
    } finally {
      await server.close();
      await browser.close();
    }
  }
  if (values['no-lighthouse']) {
    console.log('\nLighthouse skipped: --no-lighthouse');
  } else if ('missing' in browserFound) {
    console.log(`\nLighthouse skipped: no Chromium found (${browserFound.missing})`);
  } else {
    // Lighthouse's own engines field says Node ≥ 22.19; the npm script runs the Node 24 devDependency.
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    if (major < 22 || (major === 22 && minor < 19)) {
      console.log(
        `\nLighthouse skipped: it needs Node ≥ 22.19, this is ${process.version} (run through npm run bench:site)`,
      );
    } else {
      const server = await startStaticServer(publicDir);
      try {
        console.log(
          `\nLighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version} (desktop; throttling ${LIGHTHOUSE_MODES.join(' and ')}) in ${browserFound.path}, ${SITES}-site build, served gzip-compressed as GitHub Pages serves it, from ${server.origin}`,
        );
        const results = await runLighthouse({
          browserPath: browserFound.path,
          origin: server.origin,
          pages: found,
          modes: LIGHTHOUSE_MODES,
          ...(values.keep ? { reportDir: path.join(tmp, 'lighthouse') } : {}),
          log: console.log,
        });
        const perfHead = LIGHTHOUSE_MODES.map((m) => `perf (${m})`);
        console.log(
          table(
            ['page type', 'path', ...perfHead, 'a11y', 'best pr.', 'SEO', 'time'],
            results.map((r) =>
              'error' in r
                ? [r.type, r.path ?? '—', ...perfHead.map(() => '—'), '—', '—', '—', r.error]
                : [
                    r.type,
                    r.path,
                    ...LIGHTHOUSE_MODES.map((m) => String(r.performance[m] ?? '—')),
                    String(r.scores.accessibility ?? '—'),
                    String(r.scores['best-practices'] ?? '—'),
                    String(r.scores.seo ?? '—'),
                    seconds(r.ms),
                  ],
            ),
          ),
        );
        const misses = lighthouseMisses(results);
        console.log(
          `targets (performance ≥ ${LIGHTHOUSE_TARGETS.performance} in every mode, accessibility ${LIGHTHOUSE_TARGETS.accessibility}): ${misses.length ? `MISSED — ${misses.join('; ')}` : 'met'}`,
        );
        for (const r of results) {
          if ('error' in r || (!r.failed.length && !r.warnings.length)) continue;
          console.log(
            `\n${r.type} (${r.path}) — audits that cost points (score 0–100, weight), and performance insights:`,
          );
          for (const a of r.failed)
            console.log(
              `  ${(a.category === 'performance' ? `${a.category} (${a.mode})` : a.category).padEnd(24)} ${a.id} — ${a.title}${a.displayValue ? ` (${a.displayValue})` : ''} [score ${a.score ?? '—'}, weight ${a.weight}]`,
            );
          for (const w of r.warnings) console.log(`  warning: ${w}`);
        }
        if (server.missing.length) console.log(`404s while Lighthouse ran: ${[...new Set(server.missing)].join(', ')}`);
      } finally {
        await server.close();
      }
    }
  }
  if (values.keep) console.log(`\nkept: ${tmp} (data, lighthouse/ reports), ${outs.join(', ')}`);
} finally {
  if (!values.keep) {
    for (const dir of outs) await removeBuild(dir);
    await rm(tmp, { recursive: true, force: true });
  }
}
