import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildSite, ROOT, removeBuild } from '../demo/build-site.ts';
import { playStory, type StoryAccount } from '../demo/play-story.ts';
import { startStaticServer, type StaticServer } from '../demo/static-server.ts';
import { CERTIFICATE_DAYS_LEFT_AT_END, CHAPTERS } from '../demo/story.ts';
import { startSimulator } from '../simulator/simulator.ts';

// `npm start`: the whole story on this machine alone. Simulated agency portals on loopback live
// through several simulated days (checks/demo/story.ts), each run the real pipeline; then both
// status sites are built from what the runs wrote and served on localhost. Everything goes under
// node_modules/.cache/canhgac-demo (removed at the next start), never into the deployment's data/.

const USAGE = `usage: npm start [-- --no-serve] [--port N]
  --no-serve   build both sites and exit (CI, a quick look at the files)
  --port N     serve the public site on N and the internal one on N+1 (default 4321; taken: any free port)`;

const HOUR_MS = 3_600_000;

const { values } = parseArgs({
  options: {
    'no-serve': { type: 'boolean', default: false },
    port: { type: 'string', default: '4321' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const port = Number(values.port);
if (values.help) {
  console.log(USAGE);
} else if (!Number.isInteger(port) || port < 1 || port > 65534) {
  console.error(`canhgac demo: --port must be a port number, got "${values.port}"\n${USAGE}`);
  process.exitCode = 2;
} else {
  process.exitCode = await demo({ serve: !values['no-serve'], port });
}

async function demo(options: { serve: boolean; port: number }): Promise<number> {
  const started = performance.now();
  const seconds = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  const work = path.join(ROOT, 'node_modules', '.cache', 'canhgac-demo');
  const dataDir = path.join(work, 'data');
  const out = path.join(work, 'sites');
  await removeBuild(out); // a second run starts fresh: the last run's sites and their Astro caches
  await rm(work, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });

  const total = CHAPTERS.reduce((n, c) => n + c.runs, 0);
  const end = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS);
  console.log(
    `Canh Gác demo: ${total} check runs over ${Math.round((total * 3) / 24)} simulated days on simulated portals (127.0.0.1 only), then both status sites.\n`,
  );
  const sim = await startSimulator({ tlsValidDays: CERTIFICATE_DAYS_LEFT_AT_END });
  let account: StoryAccount;
  try {
    account = await playStory({ sim, dataDir, chapters: CHAPTERS, end, onRun: (line) => console.log(line) });
  } finally {
    await sim.close();
  }

  console.log(`\nBuilding the public and internal sites from ${path.relative(ROOT, dataDir)} (${seconds()} so far)…`);
  const now = end.toISOString();
  const [publicSite, internalSite] = await Promise.all(
    (['public', 'internal'] as const).map((variant) => buildSite({ data: dataDir, out, variant, now })),
  );
  console.log(
    `Built in ${(publicSite!.ms / 1000).toFixed(0)} s and ${(internalSite!.ms / 1000).toFixed(0)} s, side by side.\n`,
  );
  console.log(accountOf(account));
  if (!options.serve) {
    console.log(`\nSites in ${path.relative(ROOT, out)}/public and /internal (${seconds()}).`);
    return 0;
  }

  const servers: StaticServer[] = [];
  for (const [index, dir] of [publicSite!.dir, internalSite!.dir].entries())
    servers.push(await startStaticServer(dir, options.port + index).catch(() => startStaticServer(dir)));
  console.log(`\nTrang công khai / public site:   ${servers[0]!.origin}/`);
  console.log(`Trang nội bộ / internal site:    ${servers[1]!.origin}/  (responders: evidence, never published)`);
  console.log(`\nReady in ${seconds()}. Ctrl-C to stop.`);
  console.log(
    'Run it for real: add data/sites/<id>.yml files (or npm run sites -- import FILE.csv), then npm run validate and npm run check.',
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await Promise.all(servers.map((server) => server.close()));
  console.log('\nStopped.');
  return 0;
}

/** What happened, from the incidents the story left: each with what opened it and how it ended. */
function accountOf(account: StoryAccount): string {
  const lines = [`What happened (${account.runs} runs, incidents kept as local issues):`];
  for (const issue of account.issues) {
    const ended =
      issue.state === 'open'
        ? 'still open'
        : issue.stateReason === 'not_planned'
          ? 'closed as a false positive'
          : 'resolved';
    const kind = issue.labels.find((l) => l.startsWith('kind:'))?.slice(5) ?? '';
    lines.push(`  #${issue.number} ${kind.padEnd(9)} ${ended.padEnd(26)} ${issue.title}`);
  }
  const caught = account.issues.filter((i) => i.labels.includes('kind:defaced')).length;
  const closed = account.issues.filter((i) => i.state === 'closed').length;
  lines.push(
    `  ${account.issues.length} incidents opened, ${closed} closed; ${caught} defacements or spam caught; the maintenance window opened none.`,
  );
  return lines.join('\n');
}
