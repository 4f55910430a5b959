import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckArgs } from '../../checks/cli/check-args.ts';
import { runAndReport } from '../../checks/cli/run-and-report.ts';
import { addLostBaselines, appendJobSummary } from '../../checks/report/job-summary.ts';
import { runChecks } from '../../checks/run/run-checks.ts';
import { flatLocation } from '../../checks/store/data-location.ts';
import { startDemoWorld, type DemoWorld } from '../defacement/demo-world.ts';

// The Actions job summary names the sites whose baseline was lost (issue 10), for `npm run check` and
// for the publish job, and is written to the file the entry point was given: @actions/core does not
// read $GITHUB_STEP_SUMMARY again.
const run = promisify(execFile);
const ID = 'tinh-vi-du';
const T = (minutes: number) => new Date(Date.parse('2026-11-29T01:00:00Z') + minutes * 60_000).toISOString();
const LOST = { at: T(5), file: `baselines/${ID}.json.corrupt-${T(5).replace(/[:.]/g, '')}` };
const LOST_SECTION = [
  '<h3>Baselines lost (1)</h3>',
  'The baseline file did not parse and was moved aside; the next clean observation became the reference, unreviewed. Look at each page, then take a baseline on purpose: <code>npm run baseline -- accept &lt;id&gt;</code>.',
  `<table><tr><th>site</th><th>lost at</th><th>damaged file kept as</th></tr><tr><td>${ID}</td><td>${LOST.at}</td><td><code>${LOST.file}</code></td></tr></table>`,
  '',
].join('\n');

let world: DemoWorld;
let scratch: string;
beforeAll(async () => {
  world = await startDemoWorld('canhgac-summary-');
  scratch = await mkdtemp(path.join(os.tmpdir(), 'canhgac-summary-files-'));
});
afterAll(async () => {
  await world.close();
  await rm(scratch, { recursive: true, force: true });
});

function checkArgs(now: string, jobSummaryFile: string | undefined): CheckArgs {
  return {
    location: flatLocation(world.dataDir),
    only: [ID],
    shard: undefined,
    allowPrivate: true,
    now: new Date(now),
    commit: false,
    push: undefined,
    exportDir: undefined,
    env: {},
    jobSummaryFile,
  };
}
const deps = () => ({ resolver: world.resolver, sleep: async () => {}, visual: null, incidents: null });
const quiet = { out: () => {}, err: () => {} };

describe('the job summary', { timeout: 60_000 }, () => {
  it('lists nothing about baselines while none is lost, and each lost one as a row', async () => {
    const file = path.join(scratch, 'unit.md');
    expect(await appendJobSummary(file, (s) => addLostBaselines(s, [{ id: ID, defacement: null }]))).toBe('');
    const text = await appendJobSummary(file, (s) =>
      addLostBaselines(s, [
        { id: ID, defacement: { verdict: 'clean', score: 0, signals: [], baseline: null, baselineLost: LOST } },
      ]),
    );
    expect(text).toBe(LOST_SECTION);
    expect(await readFile(file, 'utf8')).toBe(LOST_SECTION);
  });

  it('npm run check: appended to the file read once at the entry point, the lost baseline listed', async () => {
    await runAndReport(checkArgs(T(0), undefined), quiet, deps());
    await writeFile(path.join(world.dataDir, 'baselines', `${ID}.json`), '{"version":');

    const summary = path.join(scratch, 'check.md');
    await writeFile(summary, 'an earlier step\n');
    // Were @actions/core to read the environment, it would write here.
    const decoy = path.join(scratch, 'decoy.md');
    const saved = process.env.GITHUB_STEP_SUMMARY;
    process.env.GITHUB_STEP_SUMMARY = decoy;
    const err: string[] = [];
    try {
      await runAndReport(checkArgs(T(5), summary), { out: () => {}, err: (l) => err.push(l) }, deps());
    } finally {
      if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY;
      else process.env.GITHUB_STEP_SUMMARY = saved;
    }
    expect(err.filter((l) => l.includes('baseline did not parse'))).toHaveLength(1);
    expect(await readFile(summary, 'utf8')).toBe(
      [
        'an earlier step',
        '<h2>Canh Gác run</h2>',
        '1 sites: 1 up, 0 degraded, 0 down',
        '<table><tr><th>site</th><th>state</th><th>reason</th><th>ms</th></tr></table>',
        LOST_SECTION,
      ].join('\n'),
    );
    await expect(access(decoy)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('npm run publish-results: the tick summary lists the lost baseline of an imported status', async () => {
    // A later check shard, exported for the publish job: the status still carries the loss.
    const shards = path.join(scratch, 'shards');
    await runChecks(
      {
        location: flatLocation(world.dataDir),
        only: [ID],
        allowPrivate: true,
        commit: false,
        now: new Date(T(10)),
        exportDir: path.join(shards, 'shard-1'),
      },
      deps(),
    );
    const summary = path.join(scratch, 'publish.md');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CANHGAC_DATA: world.dataDir,
      CANHGAC_ALLOW_PRIVATE: '1',
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_TOKEN: '',
    };
    delete env.CANHGAC_RESULTS;
    await run(process.execPath, [path.resolve('checks/cli/publish.ts'), '--shards', shards, '--now', T(10)], {
      env,
    });
    expect(await readFile(summary, 'utf8')).toBe(
      ['<h2>Canh Gác tick</h2>', '1 sites: 1 up, 0 degraded, 0 down. Shards: 1 reported.', LOST_SECTION].join('\n'),
    );
  });
});
