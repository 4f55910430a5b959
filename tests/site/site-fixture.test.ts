import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { loadRegistry } from '../../checks/registry/load-registry.ts';
import { BaselineFileSchema } from '../../checks/schemas/baseline.ts';
import { HistoryFileSchema } from '../../checks/schemas/history.ts';
import { InternalIncidentSchema, PublicIncidentSchema, SiteTracksSchema } from '../../checks/schemas/incident.ts';
import { RunFileSchema } from '../../checks/schemas/run.ts';
import { StatusFileSchema } from '../../checks/schemas/status.ts';
import { buildSiteFixtureFiles, writeSiteFixture, type SiteFixture } from '../support/site-fixture.ts';

const SCHEMAS: [RegExp, z.ZodType][] = [
  [/^status\//, StatusFileSchema],
  [/^history\//, HistoryFileSchema],
  [/^incidents\/public\//, PublicIncidentSchema],
  [/^incidents\/internal\//, InternalIncidentSchema],
  [/^incidents\/tracks\//, SiteTracksSchema],
  [/^runs\//, RunFileSchema],
  [/^baselines\/.*\.json$/, BaselineFileSchema],
];

let dir: string;
let fixture: SiteFixture;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'canhgac-fixture-'));
  fixture = await writeSiteFixture(dir, { sites: 120, markers: true });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the status-site fixture (tests/support/site-fixture.ts)', () => {
  it('passes the registry with no problem at all', async () => {
    const registry = await loadRegistry(dir, { allowPrivate: false });
    expect(registry.problems).toEqual([]);
    expect(registry.sites).toHaveLength(120);
  });

  it('writes every JSON file valid per its writer schema', async () => {
    const files = (await readdir(dir, { recursive: true }))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.split(path.sep).join('/'));
    expect(files.length).toBeGreaterThan(400);
    const invalid: string[] = [];
    for (const file of files) {
      const schema = SCHEMAS.find(([pattern]) => pattern.test(file))?.[1];
      if (!schema) throw new Error(`no schema for ${file}`);
      const parsed = schema.safeParse(JSON.parse(await readFile(path.join(dir, file), 'utf8')));
      if (!parsed.success)
        invalid.push(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    expect(invalid).toEqual([]);
  });

  it('has 90 closed days per site ending yesterday, and every page state', async () => {
    const history = HistoryFileSchema.parse(
      JSON.parse(await readFile(path.join(dir, 'history', `${fixture.siteIds[0]}.json`), 'utf8')),
    );
    expect(history.days).toHaveLength(90);
    expect(history.days.at(-1)![0]).toBe('2026-11-25');
    expect(history.today?.date).toBe('2026-11-26');
    for (const profile of [
      'up',
      'degraded',
      'down',
      'defaced',
      'suspected',
      'tls-expiring',
      'tls-expired',
      'maintenance',
    ])
      expect(fixture.summary[`profile:${profile}`], profile).toBeGreaterThan(0);
    expect(fixture.summary.openIncidents).toBeGreaterThan(0);
    expect(fixture.summary.resolvedIncidents).toBeGreaterThan(0);
  });

  it('puts markers in internal fields and hostile strings in public ones', () => {
    expect(fixture.markers.length).toBeGreaterThan(500);
    expect(fixture.hostileSiteIds.length).toBeGreaterThanOrEqual(5);
    expect(fixture.hostileIncidentIds.length).toBeGreaterThan(0);
    const noMarkers = buildSiteFixtureFiles({ sites: 120 });
    expect([...noMarkers.files.values()].some((text) => /leakmark|<script/i.test(text))).toBe(false);
  });

  it('is deterministic for a seed', () => {
    const a = buildSiteFixtureFiles({ sites: 30, markers: true, seed: 7 });
    const b = buildSiteFixtureFiles({ sites: 30, markers: true, seed: 7 });
    const c = buildSiteFixtureFiles({ sites: 30, markers: true, seed: 8 });
    expect([...a.files]).toEqual([...b.files]);
    expect([...a.files]).not.toEqual([...c.files]);
  });
});
