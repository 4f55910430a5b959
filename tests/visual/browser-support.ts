import type { TestContext } from 'vitest';
import type { Browser } from 'playwright-core';
import { findBrowser } from '../../checks/visual/find-browser.ts';

/** The browser these tests use: CANHGAC_CHROMIUM or a common install path, as a run finds it. */
export const BROWSER = findBrowser({ env: process.env });

/** Why browser tests are skipped on this machine, or null when they run. */
export const NO_BROWSER = 'missing' in BROWSER ? `no Chromium found: ${BROWSER.missing}` : null;

/** The launched browser, or the test is skipped with the reason (the summary reporter prints it). */
export function needBrowser(context: TestContext, browser: Browser | undefined): Browser {
  if (!browser) context.skip(NO_BROWSER ?? 'the browser did not start');
  return browser;
}
