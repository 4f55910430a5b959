import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, makeBuildOut, removeBuildAndFixture } from '../support/build-site.ts';
import { listFiles } from '../support/scan-output.ts';
import { writeSiteFixture, type SiteFixture } from '../support/site-fixture.ts';

// The internal build copies the screenshots (baselines, evidence) into /anh/ (site/integration.mjs):
// images only, kept from one build to the next without being copied again, gone when the data drops them.
let tmp: string;
let out: string;
let fixture: SiteFixture;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'canhgac-images-'));
  fixture = await writeSiteFixture(path.join(tmp, 'data'), { sites: 20, days: 7, images: 2 });
  out = await makeBuildOut('images');
}, 60_000);

afterAll(async () => {
  await removeBuildAndFixture(out, tmp);
});

const images = async (dir: string) => (await listFiles(dir)).filter((f) => f.endsWith('.webp')).sort();

describe('screenshots in the internal output', { timeout: 300_000 }, () => {
  it('copies every image and nothing else, keeps unchanged copies, and drops what the data no longer has', async () => {
    const build = () => buildSite({ data: fixture.dir, out, variant: 'internal', now: fixture.buildNow });
    const source = [
      ...(await images(path.join(fixture.dir, 'baselines'))).map((f) => `anh/baselines/${f}`),
      ...(await images(path.join(fixture.dir, 'evidence'))).map((f) => `anh/evidence/${f}`),
    ].sort();
    expect(source.length).toBeGreaterThan(2);

    const first = await build();
    const copied = (await listFiles(first.dir)).filter((f) => f.startsWith('anh/')).sort();
    expect(copied).toEqual(source); // no baseline models (.json) or accept requests
    const kept = path.join(first.dir, source[0]!);
    const copiedAt = (await stat(kept)).mtimeMs;

    const gone = source.find((f) => f.startsWith('anh/evidence/'))!;
    await rm(path.join(fixture.dir, gone.slice('anh/'.length)));
    const second = await build();
    expect((await listFiles(second.dir)).filter((f) => f.startsWith('anh/')).sort()).toEqual(
      source.filter((f) => f !== gone),
    );
    expect((await stat(kept)).mtimeMs).toBe(copiedAt);
  });
});
