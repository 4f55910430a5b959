import type { MonitorReport } from './monitor-tick.ts';

/**
 * One line on the cadence and the monitor's incident for a tick's output, e.g.
 * "cadence: 11 ticks in the last hour, 130 in 24 h, longest gap 7 min; monitor incident opened (#12): no tick for 47 min".
 */
export function formatMonitorLine(report: MonitorReport): string {
  const { cadence, observation } = report;
  const lastHour = cadence.hours.at(-1)?.ticks ?? 0;
  const parts = [`cadence: ${lastHour} tick${lastHour === 1 ? '' : 's'} in the last hour, ${cadence.ticks24h} in 24 h`];
  if (cadence.longestGapMs !== null) parts[0] += `, longest gap ${minutes(cadence.longestGapMs)}`;
  if (observation.outcome === 'unknown') parts[0] += ' (first tick recorded)';
  const late = observation.outcome === 'failing' ? `no tick for ${minutes(observation.gapMs)}` : null;
  const incident = report.incident;
  const opened = incident?.actions.find((a) => a.action === 'create-issue');
  const closed = incident?.actions.find((a) => a.action === 'resolve');
  const ref = (issue: number | null | undefined) => (issue ? ` (#${issue})` : '');
  if (opened)
    parts.push(
      `monitor incident opened${ref(opened.issue)}: ${late ?? `no tick for ${minutes(incident!.open?.gapMs ?? 0)}`}`,
    );
  else if (closed) parts.push(`monitor incident closed${ref(closed.issue)}: ticks on time again`);
  else if (incident?.open)
    parts.push(`monitor incident open${ref(incident.open.issue?.number)}${late ? `: ${late}` : ''}`);
  else if (late) parts.push(`late: ${late} (max ${report.maxGapMinutes} min)${incident ? '' : ', incidents off'}`);
  return parts.join('; ');
}

function minutes(ms: number): string {
  return `${Math.round(ms / 60_000)} min`;
}
