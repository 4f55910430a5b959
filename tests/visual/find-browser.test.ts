import { describe, expect, it } from 'vitest';
import { COMMON_BROWSER_PATHS, findBrowser } from '../../checks/visual/find-browser.ts';

const only =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);

describe('findBrowser', () => {
  it('prefers the configured path, then CANHGAC_CHROMIUM, then the common paths in order', () => {
    const all = only('/opt/chrome/chrome', '/srv/chromium', '/usr/bin/chromium', '/usr/bin/google-chrome');
    expect(
      findBrowser({ configured: '/opt/chrome/chrome', env: { CANHGAC_CHROMIUM: '/srv/chromium' }, isExecutable: all }),
    ).toEqual({ path: '/opt/chrome/chrome' });
    expect(findBrowser({ configured: null, env: { CANHGAC_CHROMIUM: '/srv/chromium' }, isExecutable: all })).toEqual({
      path: '/srv/chromium',
    });
    expect(findBrowser({ env: {}, isExecutable: all })).toEqual({ path: '/usr/bin/chromium' });
    expect(findBrowser({ env: {}, isExecutable: only('/usr/bin/google-chrome-stable') })).toEqual({
      path: '/usr/bin/google-chrome-stable',
    });
  });

  it('reports a configured path that is not a browser instead of falling back to another one', () => {
    const result = findBrowser({
      configured: '/nonexistent/chromium',
      env: {},
      isExecutable: only('/usr/bin/chromium'),
    });
    expect(result).toEqual({
      missing:
        'visual checks are off: the browser configured in config.yml (/nonexistent/chromium) is not an executable file; ' +
        'install one with "apt-get install chromium" (Debian) or use the Chrome preinstalled on GitHub runners, or set its path in config.yml or CANHGAC_CHROMIUM; every other check still runs',
    });
  });

  it('checks a bogus configured path against the real file system', () => {
    const result = findBrowser({ configured: '/nonexistent/bin/chromium-bogus', env: {} });
    expect(result).toHaveProperty('missing');
    expect((result as { missing: string }).missing).toContain('/nonexistent/bin/chromium-bogus');
    // A directory is not a browser either.
    expect(findBrowser({ configured: '/usr/bin', env: {} })).toHaveProperty('missing');
  });

  it('names the environment variable when its path is wrong', () => {
    const result = findBrowser({ env: { CANHGAC_CHROMIUM: '/tmp/not-chrome' }, isExecutable: () => false });
    expect((result as { missing: string }).missing).toMatch(
      /^visual checks are off: CANHGAC_CHROMIUM=\/tmp\/not-chrome is not an executable file; install one/,
    );
  });

  it('lists everything it looked at when there is no browser at all', () => {
    const result = findBrowser({ env: { CANHGAC_CHROMIUM: '  ' }, isExecutable: () => false });
    const { missing } = result as { missing: string };
    expect(missing).toMatch(
      /^visual checks are off: no Chromium or Chrome found \(looked in config.yml, CANHGAC_CHROMIUM and /,
    );
    for (const path of COMMON_BROWSER_PATHS) expect(missing).toContain(path);
    expect(missing).toContain('every other check still runs');
  });
});
