import type { Browser } from 'playwright-core';
import type { Signal } from '../schemas/defacement.ts';
import { createLimiter } from '../run/limiter.ts';
import { compareScreenshots, type ScreenshotComparison } from './compare-screenshots.ts';
import { writeEvidence } from './evidence.ts';
import type { BrowserLocation } from './find-browser.ts';
import { launchBrowser, type LaunchBrowser } from './launch-browser.ts';
import { takeScreenshot, type ScreenshotFailureReason, type ScreenshotOptions } from './take-screenshot.ts';
import { visualChangeSignal } from './visual-signal.ts';

export { shouldCapture, type CaptureDecision, type CaptureInput } from './should-capture.ts';

export interface VisualTierOptions {
  /** From `findBrowser`: where Chromium is, or the notice saying why there is none. */
  readonly browser: BrowserLocation;
  /** The engine's dangerous opt-in for loopback and private addresses. */
  readonly allowPrivate: boolean;
  /** Evidence goes to `<dataDir>/evidence/<site-id>/`. */
  readonly dataDir: string;
  /** Pages rendered at once. Two keeps a 2-core runner responsive for the HTTP checks beside it. */
  readonly concurrency?: number;
  /** Timeouts, viewport, and the test seams (lookup, address policy) for every screenshot. */
  readonly screenshot?: Omit<ScreenshotOptions, 'allowPrivate' | 'now' | 'ignoreSelectors'>;
  readonly launch?: LaunchBrowser;
}

export interface CaptureOptions {
  /** The site's `checks.ignore_selectors`: regions painted over before the screenshot. */
  readonly ignoreSelectors?: readonly string[];
}

export interface VisualCapture {
  /** A `visual-change` signal when the screenshot differs from the baseline. */
  readonly signal?: Signal;
  /** The new screenshot (PNG, viewport size). The next baseline only if the page is judged clean: never replace a baseline with a defaced page. */
  readonly screenshotPng: Buffer | null;
  /** Evidence WebP written for this capture, relative to the data dir: baseline, screenshot and diff when changed, else none. */
  readonly evidencePaths: readonly string[];
  readonly comparison: ScreenshotComparison | null;
  /** What went wrong: the page failed (refused address, timeout, …; no screenshot) or the baseline could not be read (screenshot kept). Null otherwise, and when the tier is off. */
  readonly failure: {
    readonly reason: ScreenshotFailureReason | 'bad-baseline';
    readonly code: string;
    readonly message: string;
  } | null;
  /** Set when the tier is off and nothing was done: the tier's notice. */
  readonly skipped: string | null;
  readonly ms: number;
}

export interface VisualTier {
  /** False without a browser, after it failed to start, or after `close()`. */
  readonly enabled: boolean;
  /** Why the tier is off, for the run log; null while enabled. */
  readonly notice: string | null;
  /** Screenshots `url`, compares it with `baselinePng` and writes evidence when it changed. Never throws for a site's failure or a missing browser. */
  capture(
    siteId: string,
    url: string,
    baselinePng: Buffer | null,
    now: Date,
    options?: CaptureOptions,
  ): Promise<VisualCapture>;
  /** Closes the browser. Safe to call twice, and when none was started. */
  close(): Promise<void>;
}

/** A browser that keeps crashing is given up for the rest of the run after this many starts. */
const MAX_LAUNCHES = 3;

/**
 * The visual tier for one run: one headless Chromium, started on the first capture and shared by
 * every site (a fresh context per page), at most `concurrency` pages at once. Without a browser the
 * tier is off: `enabled` is false, `notice` says why, and every capture returns at once with `skipped`
 * set, so the rest of the run is unaffected.
 */
export function createVisualTier(options: VisualTierOptions): VisualTier {
  const launch = options.launch ?? launchBrowser;
  const slots = createLimiter(Math.max(1, options.concurrency ?? 2));
  let notice: string | null = 'missing' in options.browser ? options.browser.missing : null;
  let running: Promise<Browser | null> | null = null;
  let launches = 0;

  const browser = (): Promise<Browser | null> => {
    if (notice !== null || !('path' in options.browser)) return Promise.resolve(null);
    const executablePath = options.browser.path;
    running ??= (async () => {
      launches += 1;
      try {
        const started = await launch(executablePath);
        // A crashed browser is started again by the next capture, up to MAX_LAUNCHES per run.
        started.on('disconnected', () => {
          running = null;
          if (launches >= MAX_LAUNCHES && notice === null)
            notice = `visual checks are off for the rest of this run: Chromium at ${executablePath} stopped ${launches} times`;
        });
        return started;
      } catch (error) {
        notice = `visual checks are off: Chromium at ${executablePath} did not start: ${String((error as Error)?.message ?? error).split('\n')[0]}`;
        return null;
      }
    })();
    return running;
  };

  const off = (ms = 0): VisualCapture => ({
    screenshotPng: null,
    evidencePaths: [],
    comparison: null,
    failure: null,
    skipped: notice,
    ms,
  });

  const captureOne = async (
    siteId: string,
    url: string,
    baselinePng: Buffer | null,
    now: Date,
    captureOptions: CaptureOptions,
  ): Promise<VisualCapture> => {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const instance = await browser();
    if (!instance) return off(elapsed());
    const shot = await takeScreenshot(instance, url, {
      ...options.screenshot,
      allowPrivate: options.allowPrivate,
      now,
      ...(captureOptions.ignoreSelectors ? { ignoreSelectors: captureOptions.ignoreSelectors } : {}),
    });
    if (!shot.ok) {
      const failure = { reason: shot.reason, code: shot.code, message: shot.message };
      return { screenshotPng: null, evidencePaths: [], comparison: null, failure, skipped: null, ms: elapsed() };
    }
    if (!baselinePng)
      return {
        screenshotPng: shot.png,
        evidencePaths: [],
        comparison: null,
        failure: null,
        skipped: null,
        ms: elapsed(),
      };
    let comparison: ScreenshotComparison;
    try {
      comparison = await compareScreenshots(baselinePng, shot.png, { diffImage: true });
    } catch (error) {
      // A baseline sharp cannot read (truncated file, wrong format) is data, not a crash; the caller can replace it.
      const failure = {
        reason: 'bad-baseline' as const,
        code: 'BAD_BASELINE',
        message: `the baseline screenshot of ${siteId} cannot be read: ${(error as Error).message}`,
      };
      return { screenshotPng: shot.png, evidencePaths: [], comparison: null, failure, skipped: null, ms: elapsed() };
    }
    const { diffPng, ...kept } = comparison;
    if (!comparison.changed || !diffPng)
      return {
        screenshotPng: shot.png,
        evidencePaths: [],
        comparison: kept,
        failure: null,
        skipped: null,
        ms: elapsed(),
      };
    // Evidence only for a change: routine captures of an unchanged page would grow the data repo for nothing.
    const evidencePaths = await Promise.all([
      writeEvidence(options.dataDir, siteId, 'baseline', baselinePng, now),
      writeEvidence(options.dataDir, siteId, 'screenshot', shot.png, now),
      writeEvidence(options.dataDir, siteId, 'diff', diffPng, now),
    ]);
    const signal = visualChangeSignal(kept, evidencePaths);
    return {
      ...(signal ? { signal } : {}),
      screenshotPng: shot.png,
      evidencePaths,
      comparison: kept,
      failure: null,
      skipped: null,
      ms: elapsed(),
    };
  };

  return {
    get enabled() {
      return notice === null;
    },
    get notice() {
      return notice;
    },
    capture(siteId, url, baselinePng, now, captureOptions = {}) {
      if (notice !== null) return Promise.resolve(off());
      return slots(() => captureOne(siteId, url, baselinePng, now, captureOptions));
    },
    async close() {
      const pending = running;
      running = null;
      notice ??= 'visual checks are off: the visual tier was closed';
      const instance = await pending;
      await instance?.close();
    },
  };
}
