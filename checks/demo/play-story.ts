import { formatIncidentLine } from '../cli/run-and-report.ts';
import type { IssueSnapshot } from '../incidents/backend.ts';
import { createLocalBackend } from '../incidents/local-backend.ts';
import { runLocalCommand } from '../incidents/local-commands.ts';
import { runChecks } from '../run/run-checks.ts';
import { writeDemoRegistry } from '../simulator/demo-portals.ts';
import type { Simulator } from '../simulator/simulator.ts';
import { flatLocation } from '../store/data-location.ts';
import { localDateTime } from '../time/local-time.ts';
import {
  type Chapter,
  MAINTENANCE_PORTAL,
  maintenanceRuns,
  STEP_HOURS,
  STORY_PORTALS,
  type StoryEvent,
} from './story.ts';

const HOUR_MS = 3_600_000;

export interface StoryOptions {
  readonly sim: Simulator;
  /** A fresh directory: the registry and every result of the story go here. */
  readonly dataDir: string;
  readonly chapters: readonly Chapter[];
  /** The simulated instant of the last run. */
  readonly end: Date;
  /** Told once a run, e.g. "[12/45] 2026-12-04 09:00  Sự cố mất kết nối …  11 up, 1 down  incidents: 1 opened (#1 tinh-song-may)". */
  readonly onRun?: (line: string) => void;
}

export interface StoryAccount {
  readonly runs: number;
  readonly start: Date;
  readonly end: Date;
  /** Every incident issue the story opened, in number order, as the local backend holds it. */
  readonly issues: readonly IssueSnapshot[];
}

/** The story's times: one run every `STEP_HOURS`, the last at `end`. */
export function runTimes(chapters: readonly Chapter[], end: Date): Date[] {
  const total = chapters.reduce((n, c) => n + c.runs, 0);
  return Array.from({ length: total }, (_, i) => new Date(end.getTime() - (total - 1 - i) * STEP_HOURS * HOUR_MS));
}

/**
 * Plays the chapters against the simulator: before each chapter its events happen to the portals
 * (or a responder labels an incident), then its runs are real check runs at simulated times, with
 * incidents kept by the local backend in `dataDir`.
 */
export async function playStory(options: StoryOptions): Promise<StoryAccount> {
  const { sim, dataDir, chapters } = options;
  const times = runTimes(chapters, options.end);
  await writeStoryRegistry(options, times);
  // The spam pages go up only in their chapters.
  for (const portal of STORY_PORTALS)
    if (portal.scenario === 'subpage-spam' || portal.scenario === 'cloaked') sim.setDoorway(portal.id, 'removed');

  let simulatedNow = times[0]!;
  const backend = createLocalBackend(dataDir, () => simulatedNow);
  let run = 0;
  for (const chapter of chapters) {
    for (const event of chapter.events) await happen(event, sim, backend);
    for (let i = 0; i < chapter.runs; i++) {
      simulatedNow = times[run]!;
      const report = await runChecks(
        { location: flatLocation(dataDir), allowPrivate: true, now: simulatedNow, commit: false, env: {} },
        { incidents: backend, visual: null },
      );
      run += 1;
      const notUp = report.run.sites - report.run.up;
      const states = `${report.run.up} up${notUp > 0 ? `, ${report.run.degraded} degraded, ${report.run.down} down` : ''}`;
      const incidents =
        report.incidents && report.incidents.actions.length > 0 ? `  ${formatIncidentLine(report.incidents)}` : '';
      options.onRun?.(
        `[${String(run).padStart(2)}/${times.length}] ${localDateTime(simulatedNow, report.config.time_zone)}  ${states}${incidents}${i === 0 ? `  — ${chapter.title}` : ''}`,
      );
    }
  }
  const issues = (await backend.listIssues([], 'all')).sort((a, b) => a.number - b.number);
  return { runs: times.length, start: times[0]!, end: times.at(-1)!, issues };
}

async function happen(event: StoryEvent, sim: Simulator, backend: ReturnType<typeof createLocalBackend>) {
  switch (event.kind) {
    case 'down':
      return sim.setUnavailable(event.portal, event.down);
    case 'latency':
      return sim.setLatency(event.portal, event.ms);
    case 'mode':
      return sim.setPortalMode(event.portal, event.mode);
    case 'spam':
      return sim.setDoorway(event.portal, event.served ? 'served' : 'removed');
    case 'label': {
      const open = await backend.listIssues([`site:${event.portal}`], 'open');
      for (const issue of open)
        await runLocalCommand(backend, 'label', [String(issue.number), ...event.labels.map((l) => `+${l}`)]);
      return;
    }
  }
}

/**
 * The story's registry: the demo's (simulator DNS and CA, short timeouts) with every run fetching
 * the cloaking variants and the sitemap, so each event shows at once, and no screenshots (the story
 * must play in seconds); the maintenance window in its portal's site file.
 */
async function writeStoryRegistry(options: StoryOptions, times: readonly Date[]): Promise<void> {
  const window = maintenanceRuns(options.chapters);
  const maintenance = [
    {
      start: new Date(times[window.first]!.getTime() - HOUR_MS).toISOString(),
      end: new Date(times[window.last]!.getTime() + HOUR_MS).toISOString(),
      note: 'Nâng cấp máy chủ / server upgrade',
    },
  ];
  await writeDemoRegistry(options.dataDir, options.sim, {
    portals: STORY_PORTALS,
    config: {
      public_url: 'http://127.0.0.1/',
      defacement: { variants_every_runs: 1, sitemap_every_runs: 1, visual: { enabled: false } },
      // Runs are STEP_HOURS apart in the story: not a monitor whose schedule stalled.
      pipeline: { max_gap_minutes: STEP_HOURS * 60 + 60 },
    },
    siteFields: (portal) => (portal.id === MAINTENANCE_PORTAL ? { maintenance } : {}),
  });
}
