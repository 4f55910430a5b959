import * as core from '@actions/core';
import { mkdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatMonitorLine } from '../monitor/format-monitor-line.ts';
import { formatVantageLine } from '../monitor/format-vantage-line.ts';
import { loadRegistry } from '../registry/load-registry.ts';
import { addLostBaselines, addVantage, appendJobSummary } from '../report/job-summary.ts';
import { formatSummaryTable } from '../report/summary-table.ts';
import { publishResults } from '../run/publish-results.ts';
import { resolveDataLocation } from '../store/data-location.ts';
import { openResultsWorktree } from '../store/results-branch.ts';
import { importShards } from '../store/shard-results.ts';
import { allowPrivateFromEnv } from './check-args.ts';
import { formatIncidentLine } from './run-and-report.ts';

const USAGE = `usage: npm run publish-results -- --shards DIR [--expect N] [--push] [--now ISO-8601]
  The tick's single writer: imports every check shard's results from DIR (one folder per shard,
  as written by \`npm run check -- --export\`), folds them into the results branch, syncs incidents,
  commits once and, with --push, pushes the results branch.
  --expect N   the tick ran N shards: a shard that did not report is named in the output
  --push       fetch the results branch first, push it after, retrying on races`;

// Thin entry point: parse once, act, set the exit code.
const env = process.env;
/** Set in GitHub Actions: the file the job summary is appended to (read here once, not again by @actions/core). */
const jobSummaryFile = env.GITHUB_ACTIONS === 'true' ? env.GITHUB_STEP_SUMMARY || undefined : undefined;
try {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      shards: { type: 'string' },
      expect: { type: 'string' },
      push: { type: 'boolean', default: false },
      now: { type: 'string' },
    },
  });
  if (!values.shards) throw new Error('--shards DIR is required');
  const expect = values.expect === undefined ? null : Number(values.expect);
  if (expect !== null && !(Number.isInteger(expect) && expect >= 1))
    throw new Error(`--expect must be a whole number of shards, got "${values.expect}"`);
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error(`--now must be an ISO-8601 instant, got "${values.now}"`);

  const location = resolveDataLocation({ env });
  const registry = await loadRegistry(location.registryDir, { allowPrivate: allowPrivateFromEnv(env) });
  const { config } = registry;
  let commitSkipped: string | null = null;
  const notices: string[] = [];
  if (location.repoDir) {
    const opened = await openResultsWorktree({
      repoDir: location.repoDir,
      worktree: location.resultsDir,
      branch: config.git.data_branch,
      remote: 'origin',
      update: values.push,
    });
    notices.push(...opened.notices);
  } else {
    await mkdir(location.resultsDir, { recursive: true });
    commitSkipped = `${location.resultsDir} is a plain directory; results are committed on the results branch only`;
  }
  const imported = await importShards(
    values.shards,
    location.resultsDir,
    new Set(registry.sites.map((s) => s.id)),
    expect,
  );
  const missing =
    expect === null
      ? []
      : Array.from({ length: expect }, (_, i) => `${i + 1}/${expect}`).filter(
          (name) => !imported.present.includes(name),
        );
  const published = await publishResults({
    resultsDir: location.resultsDir,
    config,
    sites: new Map(registry.sites.map((s) => [s.id, s])),
    statuses: imported.statuses,
    carried: imported.carried,
    runs: imported.runs,
    startedAt: now,
    commitSkipped,
    push: values.push && location.repoDir ? { remote: 'origin', branch: config.git.data_branch } : null,
    env,
    missingShards: missing,
  });

  const names = new Map(registry.sites.map((s) => [s.id, s.name]));
  console.log(
    formatSummaryTable(
      imported.statuses.map((status) => ({ id: status.id, name: names.get(status.id) ?? '', status })),
    ),
  );
  console.log(
    `\nshards: ${imported.present.length} reported${expect ? ` of ${expect}` : ''}${missing.length ? `; missing ${missing.join(', ')} (their sites keep their previous results)` : ''}`,
  );
  for (const problem of imported.problems) console.error(`refused: ${problem}`);
  for (const message of notices) console.error(`results branch: ${message}`);
  for (const notice of published.notices) console.error(`${notice.file}: ${notice.message}`);
  if (published.incidents) console.log(formatIncidentLine(published.incidents));
  console.log(formatMonitorLine(published.monitor));
  const vantageLine = formatVantageLine(published.vantage);
  if (vantageLine) console.log(vantageLine);
  const { commit, push } = published;
  console.log(
    commit.kind === 'skipped'
      ? `not committed: ${commit.why}`
      : commit.kind === 'unchanged'
        ? 'nothing to commit'
        : `${commit.kind} ${commit.sha.slice(0, 10)} on ${config.git.data_branch} (run ${commit.runs} of this period)`,
  );
  if (push?.kind === 'pushed') console.log(`pushed ${push.sha.slice(0, 10)} (attempt ${push.attempts})`);
  if (push?.kind === 'failed') console.error(`push failed after ${push.attempts} attempts: ${push.error}`);

  if (jobSummaryFile) {
    const statuses = imported.statuses;
    const count = (state: string) => statuses.filter((s) => s.state === state).length;
    await appendJobSummary(jobSummaryFile, (summary) => {
      summary
        .addHeading('Canh Gác tick', 2)
        .addRaw(
          `${statuses.length} sites: ${count('up')} up, ${count('degraded')} degraded, ${count('down')} down. Shards: ${imported.present.length}${expect ? ` of ${expect}` : ''} reported.`,
          true,
        );
      addVantage(summary, published.vantage);
      if (missing.length)
        summary.addRaw(`**Missing shards:** ${missing.join(', ')}: their sites keep their previous results.`, true);
      if (imported.problems.length) summary.addList(imported.problems.slice(0, 200));
      const rows = statuses
        .filter((s) => s.state !== 'up')
        .slice(0, 500)
        .map((s) => [s.id, s.state, s.reason ?? '']);
      if (rows.length)
        summary.addTable([
          [
            { data: 'site', header: true },
            { data: 'state', header: true },
            { data: 'reason', header: true },
          ],
          ...rows,
        ]);
      addLostBaselines(summary, statuses);
    });
    for (const name of missing) core.warning(`shard ${name} did not report: its sites keep their previous results`);
  }
  if (push?.kind === 'failed') process.exitCode = 1;
} catch (error) {
  console.error(`canhgac publish: ${error instanceof Error ? error.message : String(error)}`);
  if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') || /--shards|--expect/.test(String(error)))
    console.error(USAGE);
  process.exitCode = 1;
}
