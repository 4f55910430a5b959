import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { createGithubBackend } from '../../checks/incidents/github-backend.ts';
import { writeDemoRegistry } from '../../checks/simulator/demo-portals.ts';
import { startSimulator, type Simulator } from '../../checks/simulator/simulator.ts';
import { startFakeGithub, type FakeGithub } from '../support/fake-github.ts';

// Incidents as a user meets them: `npm run check` in a child process against the simulator, with
// the github backend pointed at the fake GitHub server through GITHUB_API_URL, and without a token
// (the local backend). Open, escalate, resolve and false positive, end to end.
const run = promisify(execFile);
const CLI = path.resolve('checks/cli/check.ts');
let sim: Simulator;
let gh: FakeGithub;
let dataDir: string;
const T0 = Date.parse('2026-11-25T03:00:00Z');

beforeAll(async () => {
  sim = await startSimulator({ slowMs: 300, slowHeadersMs: 5_000 });
  gh = await startFakeGithub({ repository: 'so-tt/su-co' });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'canhgac-incidents-cli-'));
  await writeDemoRegistry(dataDir, sim);
  const config = parse(await readFile(path.join(dataDir, 'config.yml'), 'utf8'));
  await writeFile(
    path.join(dataDir, 'config.yml'),
    stringify({ ...config, defacement: { sample_pages: 0, visual: { enabled: false } } }),
  );
});
afterAll(async () => {
  await Promise.all([sim.close(), gh.close()]);
  await rm(dataDir, { recursive: true, force: true });
});

async function check(minute: number, env: Record<string, string>, data = dataDir) {
  const args = [
    CLI,
    '--data',
    data,
    '--allow-private',
    '--no-commit',
    '--only',
    'tinh-vi-du,so-tu-phap-vi-du',
    '--now',
    new Date(T0 + minute * 60_000).toISOString(),
  ];
  const { stdout } = await run(process.execPath, args, {
    env: { ...process.env, GITHUB_ACTIONS: '', GITHUB_TOKEN: '', ...env },
  });
  return stdout.split('\n').find((l) => l.startsWith('incidents:')) ?? '';
}
const github = () => ({ GITHUB_TOKEN: gh.token, GITHUB_REPOSITORY: gh.repository, GITHUB_API_URL: `${gh.url}/` });
const byNumber = (n: number) => gh.issues().find((i) => i.number === n)!;

describe('npm run check with the github backend (fake GitHub via GITHUB_API_URL)', () => {
  it('opens at once for a defacement, creating the labels it needs', { timeout: 60_000 }, async () => {
    expect(await check(0, github())).toBe('incidents: 1 opened (#1 so-tu-phap-vi-du)');
    expect(byNumber(1)).toMatchObject({
      state: 'open',
      labels: ['incident', 'kind:defaced', 'severity:critical', 'site:so-tu-phap-vi-du'],
    });
    expect(
      gh
        .labels()
        .map((l) => l.name)
        .sort(),
    ).toEqual(
      [
        'accept-baseline',
        'acknowledged',
        'false-positive',
        'incident',
        'kind:defaced',
        'maintenance',
        'severity:critical',
        'site:so-tu-phap-vi-du',
      ].sort(),
    );
  });

  it('escalates suspected → defaced on the same issue, then resolves with the duration', {
    timeout: 90_000,
  }, async () => {
    sim.setPortalMode('tinh-vi-du', 'iframe-injected');
    expect(await check(5, github())).toBe('incidents: no change');
    expect(await check(10, github())).toBe('incidents: 1 opened (#2 tinh-vi-du)');
    expect(byNumber(2).labels).toEqual(['incident', 'kind:suspected', 'severity:minor', 'site:tinh-vi-du']);
    sim.setPortalMode('tinh-vi-du', 'hostile-defaced');
    expect(await check(15, github())).toBe('incidents: 1 changed level (#2 tinh-vi-du)');
    expect(byNumber(2).state).toBe('open');
    expect([...byNumber(2).labels].sort()).toEqual([
      'incident',
      'kind:defaced',
      'severity:critical',
      'site:tinh-vi-du',
    ]);
    expect(gh.comments(2).at(-1)!.body).toMatch(/Nâng mức \/ Escalated/);
    sim.setPortalMode('tinh-vi-du', 'normal');
    expect(await check(20, github())).toBe('incidents: no change');
    expect(await check(25, github())).toBe('incidents: 1 resolved (#2 tinh-vi-du)');
    expect(byNumber(2)).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(gh.comments(2).at(-1)!.body).toContain('**Đã khôi phục / Recovered** sau / after 20 phút / 20 min.');
  });

  it('closes a false positive as not planned and opens nothing more for it', { timeout: 60_000 }, async () => {
    const responder = createGithubBackend({
      apiUrl: gh.url,
      repository: gh.repository,
      token: gh.token,
      throttle: { msPerSecond: 1, spaceWrites: false },
    });
    await responder.updateIssue(1, { labels: [...byNumber(1).labels, 'false-positive'] });
    expect(await check(30, github())).toBe('incidents: 1 false positive (#1 so-tu-phap-vi-du)');
    expect(byNumber(1)).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
    expect(await check(35, github())).toBe('incidents: no change');
    expect(gh.issues().filter((i) => i.state === 'open')).toEqual([]);
  });
});

describe('npm run check without a token (local backend)', () => {
  it('keeps incidents as files and says so', { timeout: 60_000 }, async () => {
    const local = await mkdtemp(path.join(os.tmpdir(), 'canhgac-incidents-local-cli-'));
    try {
      await writeDemoRegistry(local, sim);
      sim.setPortalMode('tinh-vi-du', 'normal');
      expect(await check(0, {}, local)).toBe('incidents: 1 opened (#1 so-tu-phap-vi-du)');
      const issue = JSON.parse(await readFile(path.join(local, 'incidents', 'local', '1.json'), 'utf8'));
      expect(issue).toMatchObject({
        number: 1,
        state: 'open',
        labels: ['incident', 'kind:defaced', 'severity:critical', 'site:so-tu-phap-vi-du'],
      });
    } finally {
      await rm(local, { recursive: true, force: true });
    }
  });
});
