import { accessSync, constants, statSync } from 'node:fs';

/** Where Debian, Ubuntu and GitHub's runners put Chromium or Chrome, in the order they are tried. */
export const COMMON_BROWSER_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
] as const;

/** The environment variable that names the browser when config.yml does not. */
export const BROWSER_ENV = 'CANHGAC_CHROMIUM';

export type BrowserLocation = { readonly path: string } | { readonly missing: string };

export interface FindBrowserInput {
  /** The path config.yml names, if any. An explicit path that is wrong is reported, not silently replaced. */
  readonly configured?: string | null;
  /** The process environment (only `CANHGAC_CHROMIUM` is read); injected so tests need no globals. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Whether `path` is an executable file; injected for tests. */
  readonly isExecutable?: (path: string) => boolean;
}

/**
 * Finds the Chromium or Chrome executable for the visual tier: the configured path, else
 * `CANHGAC_CHROMIUM`, else the common install paths. Never downloads a browser. A configured or
 * environment path that is not an executable is a mistake worth seeing, so it yields `missing`
 * (naming that path) rather than falling back to a browser the operator did not ask for.
 * `missing` is a notice for the run log: what was looked for and how to install one.
 */
export function findBrowser(input: FindBrowserInput = {}): BrowserLocation {
  const isExecutable = input.isExecutable ?? isExecutableFile;
  const configured = input.configured?.trim();
  if (configured) {
    return isExecutable(configured)
      ? { path: configured }
      : {
          missing: `visual checks are off: the browser configured in config.yml (${configured}) is not an executable file; ${HOW_TO_INSTALL}`,
        };
  }
  const fromEnv = input.env?.[BROWSER_ENV]?.trim();
  if (fromEnv) {
    return isExecutable(fromEnv)
      ? { path: fromEnv }
      : { missing: `visual checks are off: ${BROWSER_ENV}=${fromEnv} is not an executable file; ${HOW_TO_INSTALL}` };
  }
  const found = COMMON_BROWSER_PATHS.find((path) => isExecutable(path));
  if (found) return { path: found };
  return {
    missing: `visual checks are off: no Chromium or Chrome found (looked in config.yml, ${BROWSER_ENV} and ${COMMON_BROWSER_PATHS.join(', ')}); ${HOW_TO_INSTALL}`,
  };
}

const HOW_TO_INSTALL =
  'install one with "apt-get install chromium" (Debian) or use the Chrome preinstalled on GitHub runners, or set its path in config.yml or ' +
  `${BROWSER_ENV}; every other check still runs`;

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false; // ENOENT or EACCES: not a browser we can start; the caller's notice says which path.
  }
}
