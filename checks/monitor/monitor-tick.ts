import type { IncidentBackend } from '../incidents/backend.ts';
import type { Config } from '../schemas/config.ts';
import type { TicksFile } from '../schemas/ticks.ts';
import { dataPaths } from '../store/data-paths.ts';
import { cadenceSummary, type CadenceSummary } from './cadence-summary.ts';
import { readTicks, writeIfChanged } from './monitor-files.ts';
import { observeTickGap, type MonitorObservation } from './monitor-track.ts';
import { recordTick } from './record-tick.ts';
import { syncMonitor, type MonitorSyncReport } from './sync-monitor.ts';

export interface RecordedTick {
  /** The ticks recorded before this one; null when there were none (or the file was unusable). */
  readonly previous: TicksFile | null;
  readonly ticks: TicksFile;
  readonly file: string;
  readonly notices: string[];
}

/**
 * Adds this tick to monitor/ticks.json. Applying it again (a retried push, on top of a newer head
 * holding another writer's tick) keeps both: ticks merge, they are never restored from bytes.
 */
export async function recordTickFile(dataDir: string, now: Date): Promise<RecordedTick> {
  const file = dataPaths(dataDir).ticks;
  const read = await readTicks(file);
  const ticks = recordTick(read.value, now);
  await writeIfChanged(file, ticks, read.text);
  return { previous: read.value, ticks, file, notices: read.problem ? [`monitor: ${read.problem}`] : [] };
}

/** What a tick found out and did about the monitor itself. */
export interface MonitorReport {
  readonly cadence: CadenceSummary;
  /** This tick against the one before: late (`failing`), on time, or the first ever (`unknown`). */
  readonly observation: MonitorObservation;
  readonly maxGapMinutes: number;
  /** The incident's actions and notices; null when incidents are off. */
  readonly incident: MonitorSyncReport | null;
}

export interface MonitorTickRequest {
  readonly dataDir: string;
  readonly config: Config;
  readonly recorded: RecordedTick;
  readonly now: Date;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Judges this tick's gap and runs the monitor's incident through the backend (none when incidents
 * are off: the tick is still recorded). Backend failures are notices in the report, never thrown.
 */
export async function monitorTick(
  request: MonitorTickRequest,
  deps: { readonly backend: IncidentBackend | null },
): Promise<MonitorReport> {
  const { config, now } = request;
  const maxGapMinutes = config.pipeline.max_gap_minutes;
  const observation = observeTickGap(request.recorded.previous?.ticks ?? [], now, maxGapMinutes);
  const cadence = cadenceSummary(request.recorded.ticks.ticks, now);
  const incident = deps.backend
    ? await syncMonitor(
        { dataDir: request.dataDir, config, cause: 'late-ticks', observation, cadence, now, env: request.env },
        { backend: deps.backend },
      )
    : null;
  return { cadence, observation, maxGapMinutes, incident };
}
