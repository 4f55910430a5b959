import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { IncidentBackend } from '../../checks/incidents/backend.ts';
import { createGithubBackend } from '../../checks/incidents/github-backend.ts';
import { incidentMarker } from '../../checks/incidents/render-issue.ts';
import { syncIncidents } from '../../checks/incidents/sync-incidents.ts';
import { ConfigSchema } from '../../checks/schemas/config.ts';
import { SiteTracksSchema, type Track } from '../../checks/schemas/incident.ts';
import { SiteFileSchema, type Site } from '../../checks/schemas/site.ts';
import type { StatusFile } from '../../checks/schemas/status.ts';
import { seededRandom } from '../../checks/simulator/random.ts';
import { startFakeGithub, type FakeGithub } from './fake-github.ts';

/**
 * Randomised fault trials for incidents: each trial is a few runs of `syncIncidents` with the real
 * octokit client against the fake GitHub server, with random HTTP faults (rate limits, 5xx, hangs,
 * dropped connections, writes that happen but answer 5xx), runs that die at a random call (before
 * or after it took effect), and runs that overlap on copies of the data dir (as two Actions jobs
 * would; the survivor is the one whose commit won). Then the faults stop and a few calm runs let
 * things settle. The invariants: never two open issues for one site and track, and every incident
 * the final state calls for is open, exactly once, and known to the site's state file.
 */

type SiteState = 'up' | 'down' | 'defaced';
export interface TrialOutcome {
  readonly trial: number;
  readonly problems: string[];
  readonly requests: number;
  readonly faults: number;
  readonly crashes: number;
  readonly overlaps: number;
}

const SITE_IDS = ['so-a', 'so-b'];
const CONFIG = ConfigSchema.parse({ organisation: { name: 'Thử nghiệm' }, incidents: { backend: 'github' } });

function site(id: string): Site {
  return {
    ...SiteFileSchema.parse({
      name: `Sở ${id}`,
      agency: 'UBND',
      group: 'province',
      url: `https://${id}.example.org/`,
      responders: ['canhgac-oncall'],
    }),
    id,
    file: `sites/${id}.yml`,
  };
}

function status(id: string, state: SiteState, at: Date): StatusFile {
  const down = state === 'down';
  return {
    id,
    checkedAt: at.toISOString(),
    state: down ? 'down' : 'up',
    reason: down ? 'connect-refused' : null,
    error: down ? { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' } : null,
    attempts: down ? 2 : 1,
    firstReason: down ? 'connect-refused' : null,
    url: `https://${id}.example.org/`,
    http: null,
    tls: null,
    dns: null,
    defacement: down
      ? null
      : state === 'defaced'
        ? {
            verdict: 'defaced',
            score: 80,
            signals: [{ kind: 'defacer-signature', weight: 80, detail: 'Hacked by @someone', evidence: ['hacked by'] }],
            baseline: null,
          }
        : { verdict: 'clean', score: 0, signals: [], baseline: null },
  };
}

/** Dies at the `at`-th backend call: before it (nothing happens) or after it took effect (no answer). */
function crashing(
  backend: IncidentBackend,
  at: number,
  afterEffect: boolean,
): { backend: IncidentBackend; crashed: Promise<void> } {
  let calls = 0;
  let die!: () => void;
  const crashed = new Promise<void>((resolve) => (die = resolve));
  const never = new Promise<never>(() => {});
  const wrap =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (calls++ === at) {
        if (afterEffect) await fn(...args).catch(() => undefined);
        die();
        return never;
      }
      return fn(...args);
    };
  return {
    crashed,
    backend: {
      kind: backend.kind,
      repository: backend.repository,
      listIssues: wrap(backend.listIssues.bind(backend)),
      getIssue: wrap(backend.getIssue.bind(backend)),
      createIssue: wrap(backend.createIssue.bind(backend)),
      updateIssue: wrap(backend.updateIssue.bind(backend)),
      addComment: wrap(backend.addComment.bind(backend)),
      recentComments: wrap(backend.recentComments.bind(backend)),
      ensureLabels: wrap(backend.ensureLabels.bind(backend)),
    },
  };
}

async function expectedOpen(dataDir: string, id: string, track: Track): Promise<number | null> {
  try {
    const tracks = SiteTracksSchema.parse(
      JSON.parse(await readFile(path.join(dataDir, 'incidents', 'tracks', `${id}.json`), 'utf8')),
    );
    return tracks.tracks[track].open?.issue ?? null;
  } catch {
    return null;
  }
}

export async function runTrial(trial: number): Promise<TrialOutcome> {
  const random = seededRandom(trial * 7919 + 17);
  const gh: FakeGithub = await startFakeGithub();
  let dataDir = await mkdtemp(path.join(os.tmpdir(), 'canhgac-trial-'));
  const dirs = [dataDir];
  const backend = () =>
    createGithubBackend({
      apiUrl: gh.url,
      repository: gh.repository,
      token: gh.token,
      timeoutMs: 150,
      throttle: { msPerSecond: 1, spaceWrites: false, retries: 2 },
    });
  const sites = SITE_IDS.map(site);
  const states = new Map<string, SiteState>(SITE_IDS.map((id) => [id, 'up']));
  let crashes = 0;
  let overlaps = 0;
  const t0 = Date.parse('2026-11-25T00:00:00Z');
  const sync = (dir: string, b: IncidentBackend, run: number) =>
    syncIncidents(
      {
        dataDir: dir,
        config: CONFIG,
        checked: sites.map((s) => ({ site: s, status: status(s.id, states.get(s.id)!, new Date(t0 + run * 300_000)) })),
        now: new Date(t0 + run * 300_000),
      },
      { backend: b },
    );

  const RANDOM_RUNS = 6;
  const CALM_RUNS = 3;
  try {
    for (let run = 0; run < RANDOM_RUNS + CALM_RUNS; run++) {
      const calm = run >= RANDOM_RUNS;
      if (!calm)
        for (const id of SITE_IDS)
          if (random() < 0.45) states.set(id, (['up', 'down', 'defaced'] as const)[Math.floor(random() * 3)]!);
      gh.faults(calm ? null : { rate: 0.2, seed: trial * 1000 + run });
      const mode = calm ? 'normal' : random() < 0.5 ? 'normal' : random() < 0.6 ? 'crash' : 'overlap';
      if (mode === 'normal') {
        await sync(dataDir, backend(), run);
      } else if (mode === 'crash') {
        crashes++;
        const crash = crashing(backend(), Math.floor(random() * 8), random() < 0.5);
        await Promise.race([sync(dataDir, crash.backend, run), crash.crashed]);
      } else {
        overlaps++;
        const copy = await mkdtemp(path.join(os.tmpdir(), 'canhgac-trial-'));
        dirs.push(copy);
        await cp(dataDir, copy, { recursive: true });
        await Promise.all([sync(dataDir, backend(), run), sync(copy, backend(), run)]);
        // Both jobs pushed; the later push rebased and rewrote its own files: its state survives.
        if (random() < 0.5) dataDir = copy;
      }
    }

    const problems: string[] = [];
    const issues = gh.issues();
    for (const s of sites) {
      const final = states.get(s.id)!;
      for (const track of ['availability', 'defacement'] as const) {
        const marker = incidentMarker(s.id, track);
        const open = issues.filter((i) => i.state === 'open' && i.body.includes(marker));
        // A site that is down tells nothing about its face: an open defacement incident may stay open.
        const wanted = track === 'availability' ? final === 'down' : final === 'down' ? null : final === 'defaced';
        const known = await expectedOpen(dataDir, s.id, track);
        if (open.length > 1)
          problems.push(`${s.id}/${track}: ${open.length} open issues (#${open.map((i) => i.number).join(', #')})`);
        if (wanted && open.length === 0)
          problems.push(`${s.id}/${track}: the incident is lost (no open issue; site is ${final})`);
        if (wanted === false && open.length > 0)
          problems.push(`${s.id}/${track}: issue #${open[0]!.number} still open though the site is ${final}`);
        if (wanted && open.length === 1 && known !== open[0]!.number)
          problems.push(`${s.id}/${track}: state names #${known ?? 'none'}, open issue is #${open[0]!.number}`);
      }
    }
    return {
      trial,
      problems,
      requests: gh.requests.length,
      faults: gh.requests.filter((r) => r.fault).length,
      crashes,
      overlaps,
    };
  } finally {
    await gh.close();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  }
}

/** One of the four test files that share the 200 trials (split so they run on parallel workers). */
export function defineTrialPart(
  part: 1 | 2 | 3 | 4,
  it: typeof import('vitest').it,
  expect: typeof import('vitest').expect,
): void {
  const first = (part - 1) * 50;
  it(`trials ${first}–${first + 49}: never two open issues for one incident, never a lost one`, {
    timeout: 600_000,
  }, async () => {
    const outcomes: TrialOutcome[] = [];
    for (let trial = first; trial < first + 50; trial++) outcomes.push(await runTrial(trial));
    expect(outcomes.flatMap((o) => o.problems.map((p) => `trial ${o.trial}: ${p}`))).toEqual([]);
    // The trials must actually have been hostile: faults, crashes and overlaps all happened.
    expect(outcomes.reduce((n, o) => n + o.faults, 0)).toBeGreaterThan(200);
    expect(outcomes.reduce((n, o) => n + o.crashes, 0)).toBeGreaterThan(20);
    expect(outcomes.reduce((n, o) => n + o.overlaps, 0)).toBeGreaterThan(20);
  });
}
