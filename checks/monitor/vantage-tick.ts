import type { IncidentBackend } from '../incidents/backend.ts';
import type { Config } from '../schemas/config.ts';
import type { CadenceSummary } from './cadence-summary.ts';
import { observeVantage, type MonitorObservation } from './monitor-track.ts';
import { syncMonitor, type MonitorSyncReport } from './sync-monitor.ts';
import type { VantageJudgement } from './vantage.ts';

/** What a tick found out about its own vantage point and did about it. */
export interface VantageReport {
  readonly judgement: VantageJudgement;
  /** The `network` track's observation: failing freezes the site incidents of this tick. */
  readonly observation: MonitorObservation;
  /** The `network` incident's actions and notices; null when incidents are off. */
  readonly incident: MonitorSyncReport | null;
}

export interface VantageTickRequest {
  readonly dataDir: string;
  readonly config: Config;
  readonly judgement: VantageJudgement;
  readonly cadence: CadenceSummary;
  readonly now: Date;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Runs the monitor's `network` incident for this tick's judgement through the backend: one issue
 * while ticks fail in bulk at the network level, closed after `thresholds.recovery` healthy ticks.
 * Backend failures are notices in the report, never thrown (the backend may be as unreachable as the sites).
 */
export async function vantageTick(
  request: VantageTickRequest,
  deps: { readonly backend: IncidentBackend | null },
): Promise<VantageReport> {
  const observation = observeVantage(request.judgement, request.now);
  const incident = deps.backend
    ? await syncMonitor(
        {
          dataDir: request.dataDir,
          config: request.config,
          cause: 'network',
          observation,
          cadence: request.cadence,
          now: request.now,
          env: request.env,
        },
        { backend: deps.backend },
      )
    : null;
  return { judgement: request.judgement, observation, incident };
}
