import path from 'node:path';
import { formatProblem, formatSummary } from '../registry/format-problems.ts';
import { addLostBaselines, addVantage, appendJobSummary } from '../report/job-summary.ts';
import { formatSummaryTable } from '../report/summary-table.ts';
import { createProgress } from '../report/progress.ts';
import { runChecks, type RunDeps, type RunReport } from '../run/run-checks.ts';
import type { CheckArgs } from './check-args.ts';
import type { SyncReport } from '../incidents/sync-incidents.ts';
import { formatMonitorLine } from '../monitor/format-monitor-line.ts';
import { formatVantageLine } from '../monitor/format-vantage-line.ts';

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Runs the checks and prints what a person needs: registry problems, the table, where data went. */
export async function runAndReport(args: CheckArgs, output: Output, deps: RunDeps = {}): Promise<RunReport> {
  const progress = createProgress(output.err);
  const report = await runChecks(
    { ...args, onProgress: (check, done, total) => progress(done, total, check.status.state === 'down') },
    deps,
  );
  // Errors in full (those sites were left out); warnings only counted: `npm run validate` lists them.
  for (const problem of report.problems.filter((p) => p.severity === 'error')) output.err(formatProblem(problem));
  const registryDir = path.relative('.', args.location.registryDir) || '.';
  if (report.problems.length > 0)
    output.err(
      `registry: ${formatSummary(report.problems)} (details: npm run validate -- --data ${registryDir}${args.allowPrivate ? ' --allow-private' : ''})\n`,
    );
  for (const id of report.unknownIds) output.err(`--only: no valid site with id "${id}" in ${registryDir}/sites`);
  for (const notice of report.notices) output.err(`${notice.file}: ${notice.message}`);

  output.out(
    formatSummaryTable(
      report.checks.map((c) => ({ id: c.status.id, name: report.siteNames.get(c.status.id) ?? '', status: c.status })),
    ),
  );
  const { run, commit } = report;
  output.out(
    `\n${run.sites} sites: ${run.up} up, ${run.degraded} degraded, ${run.down} down in ${(run.durationMs / 1000).toFixed(1)} s`,
  );
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  output.out(
    `pages and models held at most: ${mib(report.bytesInFlight.peak)} of the ${mib(report.bytesInFlight.limit)} byte budget (probe.max_bytes_in_flight)`,
  );
  output.out(
    report.exported
      ? `results exported to ${report.exported}/ for the publish job`
      : `results written under ${path.relative('.', report.resultsDir) || '.'}/ (status/, history/, runs/)`,
  );
  if (report.incidents) output.out(formatIncidentLine(report.incidents));
  if (report.monitor) output.out(formatMonitorLine(report.monitor));
  const vantageLine = report.vantage && formatVantageLine(report.vantage);
  if (vantageLine) output.out(vantageLine);
  output.out(
    commit.kind === 'skipped'
      ? `not committed: ${commit.why}`
      : commit.kind === 'unchanged'
        ? 'nothing to commit'
        : `${commit.kind} ${commit.sha.slice(0, 10)} (run ${commit.runs} of this period)`,
  );
  if (report.push?.kind === 'pushed')
    output.out(`pushed ${report.push.sha.slice(0, 10)} (attempt ${report.push.attempts})`);
  if (report.push?.kind === 'failed')
    output.err(`push failed after ${report.push.attempts} attempts: ${report.push.error}`);
  if (args.jobSummaryFile) await writeJobSummary(report, args.jobSummaryFile);
  return report;
}

/** One line on what the run did about incidents, e.g. "incidents: 2 opened (#4, #5), 1 resolved (#2)". */
export function formatIncidentLine(incidents: SyncReport): string {
  const said: Record<string, string> = {
    'create-issue': 'opened',
    relevel: 'changed level',
    'new-findings': 'new findings',
    resolve: 'resolved',
    'false-positive': 'false positive',
    reopen: 'reopened',
  };
  const groups = new Map<string, string[]>();
  for (const a of incidents.actions) {
    const word = said[a.action];
    if (word) groups.set(word, [...(groups.get(word) ?? []), a.issue === null ? a.siteId : `#${a.issue} ${a.siteId}`]);
  }
  const parts = [...groups].map(([word, items]) => `${items.length} ${word} (${items.join(', ')})`);
  if (incidents.deferred > 0) parts.push(`${incidents.deferred} left for the next run (write allowance used up)`);
  return `incidents: ${parts.length > 0 ? parts.join('; ') : 'no change'}`;
}

/**
 * The Actions job summary, appended to `file` (from $GITHUB_STEP_SUMMARY, read once by the entry
 * point): sites not up, then sites whose baseline was lost and not re-accepted.
 */
async function writeJobSummary(report: RunReport, file: string): Promise<void> {
  const rows = report.checks
    .filter((c) => c.status.state !== 'up')
    .slice(0, 500)
    .map((c) => [
      c.status.id,
      c.status.state,
      c.status.reason ?? '',
      c.status.http ? String(Math.round(c.status.http.timings.total)) : '',
    ]);
  await appendJobSummary(file, (summary) =>
    addLostBaselines(
      addVantage(
        summary
          .addHeading('Canh Gác run', 2)
          .addRaw(
            `${report.run.sites} sites: ${report.run.up} up, ${report.run.degraded} degraded, ${report.run.down} down`,
            true,
          ),
        report.vantage,
      ).addTable([
        [
          { data: 'site', header: true },
          { data: 'state', header: true },
          { data: 'reason', header: true },
          { data: 'ms', header: true },
        ],
        ...rows,
      ]),
      report.checks.map((c) => c.status),
    ),
  );
}
