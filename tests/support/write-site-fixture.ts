import { parseArgs } from 'node:util';
import { writeSiteFixture } from './site-fixture.ts';

/**
 * `npx node tests/support/write-site-fixture.ts DIR [--sites N] [--days D] [--seed S] [--markers] [--images K]`:
 * writes the status-site fixture (tests/support/site-fixture.ts) into DIR for builds by hand, e.g.
 * `CANHGAC_DATA=DIR CANHGAC_OUT=/tmp/out npm run build`.
 */
const USAGE = 'usage: write-site-fixture.ts DIR [--sites N] [--days D] [--seed S] [--markers] [--images K]';
try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      sites: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      images: { type: 'string' },
      markers: { type: 'boolean', default: false },
    },
  });
  const int = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got "${value}"`);
    return n;
  };
  const [dir, ...extra] = positionals;
  if (!dir || extra.length) throw new Error(USAGE);
  const started = performance.now();
  const fixture = await writeSiteFixture(dir, {
    sites: int('sites', values.sites),
    days: int('days', values.days),
    seed: int('seed', values.seed),
    images: int('images', values.images),
    markers: values.markers,
  });
  const files = Object.entries(fixture.files)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  console.log(`wrote ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${files}`);
  console.log(
    `mix: ${Object.entries(fixture.summary)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  if (values.markers)
    console.log(
      `${fixture.markers.length} markers (search the public output for /leakmark/i), hostile names on ${fixture.hostileSiteIds.join(', ')}`,
    );
  console.log(
    `build with: CANHGAC_DATA=${dir} CANHGAC_BUILD_NOW=${fixture.buildNow} CANHGAC_OUT=/tmp/canhgac-out ASTRO_TELEMETRY_DISABLED=1 npm run build`,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
