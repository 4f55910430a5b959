/**
 * The Lighthouse step of bench:site (issue #5: "performance ≥ 95 and accessibility 100 if Lighthouse
 * runs here with the system Chromium"). Runs Lighthouse 13 through its Node API against pages the
 * caller serves on 127.0.0.1, in one Chromium started by chrome-launcher (never a downloaded one).
 *
 * Desktop form factor (Lighthouse's desktop preset: 1350×940, 40 ms RTT, 10 Mbit/s, no CPU slowdown),
 * in up to two throttling modes:
 * - `simulate` — Lighthouse's default and what PageSpeed Insights reports: the page loads unthrottled
 *   and Lantern models the load on the preset's network. This is the number the target is about.
 * - `provided` — no throttling at all: on loopback it measures only parsing, layout and paint in this
 *   Chromium, a lower bound on real load time. Cheap to add (one more load per page), so we show it.
 * Accessibility, best practices and SEO do not depend on throttling; they come from the first mode.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FoundPage } from '../tests/support/page-types.ts';

export const LIGHTHOUSE_CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type LighthouseCategory = (typeof LIGHTHOUSE_CATEGORIES)[number];
export const THROTTLING_MODES = ['simulate', 'provided'] as const;
export type ThrottlingMode = (typeof THROTTLING_MODES)[number];

/** The targets, as 0–100 scores. */
export const LIGHTHOUSE_TARGETS = { performance: 95, accessibility: 100 } as const;

/** An audit that cost points: what a responder needs to find it in the report. */
export interface FailedAudit {
  readonly category: LighthouseCategory;
  /** The throttling mode whose report this came from (performance differs per mode; the rest do not). */
  readonly mode: ThrottlingMode;
  readonly id: string;
  readonly title: string;
  /** 0–100, or null for audits Lighthouse does not score (insights that only estimate savings). */
  readonly score: number | null;
  readonly weight: number;
  readonly displayValue?: string;
}

export type LighthouseResult =
  | {
      readonly type: string;
      readonly path: string;
      /** 0–100 per category from the first mode run; performance per mode. */
      readonly scores: Readonly<Record<LighthouseCategory, number | null>>;
      readonly performance: Readonly<Partial<Record<ThrottlingMode, number | null>>>;
      readonly failed: readonly FailedAudit[];
      readonly warnings: readonly string[];
      readonly ms: number;
    }
  | { readonly type: string; readonly path?: string; readonly error: string };

export interface LighthouseInput {
  readonly browserPath: string;
  /** Where the built site is served, e.g. http://127.0.0.1:41234. Must not be served by a blocked event loop. */
  readonly origin: string;
  readonly pages: readonly FoundPage[];
  readonly modes: readonly ThrottlingMode[];
  /** Per Lighthouse run; past it the run is abandoned and reported as an error. */
  readonly timeoutMs?: number;
  /** If set, each run's full JSON report (lhr) is written there. */
  readonly reportDir?: string;
  readonly log?: (line: string) => void;
}

/** Lighthouse's minimal type surface we use, so the bench does not depend on its internal typings. */
interface Lhr {
  readonly runtimeError?: { readonly code: string; readonly message: string };
  readonly runWarnings: readonly string[];
  readonly categories: Record<
    string,
    { readonly score: number | null; readonly auditRefs: readonly { readonly id: string; readonly weight: number }[] }
  >;
  readonly audits: Record<
    string,
    {
      readonly id: string;
      readonly title: string;
      readonly score: number | null;
      readonly scoreDisplayMode: string;
      readonly displayValue?: string;
      readonly metricSavings?: Record<string, number>;
    }
  >;
}

const to100 = (score: number | null | undefined) => (score == null ? null : Math.round(score * 100));

/**
 * Runs Lighthouse on each found page in each mode, one Chromium for all of them, killed (whole process
 * group, SIGKILL) in `finally` even when a run throws or times out: an abandoned Lighthouse run
 * otherwise leaves Chromium orphaned with its /tmp/lighthouse.* profile.
 */
export async function runLighthouse(input: LighthouseInput): Promise<LighthouseResult[]> {
  const log = input.log ?? (() => {});
  const timeoutMs = input.timeoutMs ?? 120_000;
  const { default: lighthouse, desktopConfig } = await import('lighthouse');
  const { launch } = await import('chrome-launcher');
  const chrome = await launch({
    chromePath: input.browserPath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
    logLevel: 'silent',
  });
  const results: LighthouseResult[] = [];
  try {
    for (const page of input.pages) {
      if ('missing' in page) {
        results.push({ type: page.type, error: `not checked: ${page.missing}` });
        continue;
      }
      const started = performance.now();
      const url = input.origin + page.path;
      const lhrs: Partial<Record<ThrottlingMode, Lhr>> = {};
      try {
        for (const mode of input.modes) {
          const config = {
            ...desktopConfig,
            settings: { ...desktopConfig.settings, throttlingMethod: mode, onlyCategories: [...LIGHTHOUSE_CATEGORIES] },
          };
          const run = lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' }, config);
          run.catch(() => {}); // if the timeout wins, a later rejection must not crash the bench
          let timer: NodeJS.Timeout | undefined;
          const timeout = new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`Lighthouse (${mode}) timed out after ${timeoutMs / 1000} s on ${url}`)),
              timeoutMs,
            );
          });
          const result = await Promise.race([run, timeout]).finally(() => clearTimeout(timer));
          const lhr = result?.lhr as unknown as Lhr | undefined;
          if (!lhr) throw new Error(`Lighthouse (${mode}) returned no report for ${url}`);
          if (lhr.runtimeError)
            throw new Error(
              `Lighthouse (${mode}) runtime error ${lhr.runtimeError.code} on ${url}: ${lhr.runtimeError.message}`,
            );
          lhrs[mode] = lhr;
          if (input.reportDir) {
            await mkdir(input.reportDir, { recursive: true });
            await writeFile(path.join(input.reportDir, `${slug(page.type)}-${mode}.json`), JSON.stringify(lhr));
          }
          log(`  lighthouse ${page.type} (${mode}): ${((performance.now() - started) / 1000).toFixed(1)} s`);
        }
      } catch (error) {
        results.push({
          type: page.type,
          path: page.path,
          error: error instanceof Error ? error.message : String(error),
        });
        continue;
      }
      results.push(summarise(page.type, page.path, lhrs, performance.now() - started));
    }
  } finally {
    await killChrome(chrome);
  }
  return results;
}

/** Pure: scores and the audits that cost points, from one page's reports (first mode for the non-performance categories). */
export function summarise(
  type: string,
  urlPath: string,
  lhrs: Partial<Record<ThrottlingMode, Lhr>>,
  ms: number,
): LighthouseResult {
  const modes = THROTTLING_MODES.filter((m) => lhrs[m]);
  const first = lhrs[modes[0]!]!;
  const scores = Object.fromEntries(LIGHTHOUSE_CATEGORIES.map((c) => [c, to100(first.categories[c]?.score)])) as Record<
    LighthouseCategory,
    number | null
  >;
  const performance = Object.fromEntries(modes.map((m) => [m, to100(lhrs[m]!.categories.performance?.score)]));
  const failed: FailedAudit[] = [];
  const seen = new Set<string>();
  for (const mode of modes) {
    const lhr = lhrs[mode]!;
    for (const category of LIGHTHOUSE_CATEGORIES) {
      // Only performance differs between modes; the other categories are read from the first report.
      if (mode !== modes[0] && category !== 'performance') continue;
      for (const ref of lhr.categories[category]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        const key = `${category === 'performance' ? mode : ''}:${category}:${ref.id}`;
        if (!audit || seen.has(key)) continue;
        const costsPoints = ref.weight > 0 && audit.score !== null && audit.score < 1;
        // Unweighted performance insights do not move the score, but say why a metric is slow.
        const insight =
          category === 'performance' &&
          ref.weight === 0 &&
          audit.scoreDisplayMode === 'metricSavings' &&
          audit.score !== null &&
          audit.score < 1;
        if (!costsPoints && !insight) continue;
        seen.add(key);
        failed.push({
          category,
          mode,
          id: audit.id,
          title: audit.title,
          score: to100(audit.score),
          weight: ref.weight,
          ...(audit.displayValue ? { displayValue: audit.displayValue } : {}),
        });
      }
    }
  }
  const warnings = [...new Set(modes.flatMap((m) => lhrs[m]!.runWarnings))];
  return { type, path: urlPath, scores, performance, failed, warnings, ms };
}

/** Pure: which results miss the targets (every measured throttling mode must meet performance). */
export function lighthouseMisses(results: readonly LighthouseResult[], targets = LIGHTHOUSE_TARGETS): string[] {
  const misses: string[] = [];
  for (const r of results) {
    if ('error' in r) {
      misses.push(`${r.type}: ${r.error}`);
      continue;
    }
    for (const [mode, score] of Object.entries(r.performance)) {
      if (score == null || score < targets.performance)
        misses.push(`${r.type}: performance ${score ?? '—'} (${mode}) < ${targets.performance}`);
    }
    if (r.scores.accessibility == null || r.scores.accessibility < targets.accessibility)
      misses.push(`${r.type}: accessibility ${r.scores.accessibility ?? '—'} < ${targets.accessibility}`);
  }
  return misses;
}

const slug = (text: string) =>
  text
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();

/** chrome-launcher's kill() SIGKILLs the process group; wait (briefly) until the process has really exited. */
async function killChrome(chrome: {
  pid: number;
  process: import('node:child_process').ChildProcess;
  kill: () => void;
}): Promise<void> {
  const exited =
    chrome.process.exitCode !== null || chrome.process.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => chrome.process.once('exit', () => resolve()));
  chrome.kill();
  let timer: NodeJS.Timeout | undefined;
  const gone = await Promise.race([
    exited.then(() => true),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 5_000))),
  ]);
  clearTimeout(timer);
  if (!gone)
    throw new Error(`Chromium (pid ${chrome.pid}) did not exit within 5 s of SIGKILL; check for an orphaned process`);
}
