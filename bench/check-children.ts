/**
 * The child processes of `bench:check`, one role each, so that the portals' CPU never counts against
 * the checker and each engine run's peak RSS is its own, as curl's are:
 *
 *   node bench/check-children.ts portals '<BenchPortalsOptions JSON>'
 *     Starts the bench portals and prints one JSON line `{ urls, dnsServer }`. Then answers each
 *     `count` line on stdin with `{ "requests": n }`, each `log FILE` line by writing the requests
 *     received since the last one to FILE (`BenchRequest`, a JSON object a line) and `{ "logged": n }`,
 *     and closes everything when stdin ends (so a parent that dies, however it dies, takes the
 *     portals with it).
 *
 *   node bench/check-children.ts engine <dataDir>
 *     One `runChecks` over the registry in <dataDir> (no commit) and one JSON line: `EngineResult`.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createModelWorkers, type ModelExtractor } from '../checks/defacement/model-extractor.ts';
import { runChecks } from '../checks/run/run-checks.ts';
import { startBenchPortals, type BenchPortalsOptions } from '../checks/simulator/bench-portals.ts';
import { flatLocation } from '../checks/store/data-location.ts';
import { HOSTILE_PREFIX } from './hostile-sites.ts';

/** What an engine child prints. Times in ms, RSS in KiB (as `getrusage` reports it). */
export interface EngineResult {
  /** `runChecks` alone, as it reports itself (`run.durationMs`). */
  readonly wallMs: number;
  /** From process start to the end of `runChecks`: adds Node's start-up and module loading. */
  readonly processWallMs: number;
  /** User + system CPU of the whole process (start-up included), like curl's under `time`. */
  readonly cpuMs: number;
  /** User + system CPU spent inside `runChecks`. */
  readonly runCpuMs: number;
  readonly maxRssKb: number;
  /** Peaks of `process.memoryUsage()` sampled every 200 ms, in bytes: what part of the RSS is the main heap and buffers. */
  readonly memory: {
    readonly rss: number;
    readonly heapTotal: number;
    readonly heapUsed: number;
    readonly external: number;
    readonly arrayBuffers: number;
  };
  readonly sites: number;
  readonly up: number;
  /** Sites whose file does not start with `HOSTILE_PREFIX`, and how many of them came out `up`. */
  readonly healthySites: number;
  readonly healthyUp: number;
  /** Hostile sites by kind and outcome, e.g. `{ "gzip-bomb down too-large": 143 }`. */
  readonly hostile: Readonly<Record<string, number>>;
  readonly degraded: number;
  readonly down: number;
  /** Sites that needed a second attempt. */
  readonly retried: number;
  /** Sites whose DNS lookup took over a second: on loopback that is a lost UDP answer and a resolver retry. */
  readonly slowDns: number;
  readonly registryErrors: number;
  /** Non-up outcomes by reason, e.g. `{ "timeout": 3 }`. */
  readonly reasons: Readonly<Record<string, number>>;
  /** Pages the run modelled (home pages, variants, internal pages); home pages whose judgement was reused are not. */
  readonly modelled: number;
  /** Defacement verdicts, e.g. `{ "clean": 2000 }`; empty with detection off. */
  readonly verdicts: Readonly<Record<string, number>>;
  /** Where the run's wall time went; see `runEngine` for how the edges are found. */
  readonly phases: { readonly loadMs: number; readonly probeMs: number; readonly writeMs: number };
}

export interface PortalsHello {
  readonly urls: string[];
  /** Per URL: the hostile kind, or null. */
  readonly kinds: (string | null)[];
  readonly dnsServer: { host: string; port: number };
}

async function servePortals(optionsJson: string): Promise<void> {
  const options = JSON.parse(optionsJson) as BenchPortalsOptions;
  const bench = await startBenchPortals(options);
  const hello: PortalsHello = { urls: bench.urls, kinds: bench.kinds, dnsServer: bench.dnsServer };
  process.stdout.write(`${JSON.stringify(hello)}\n`);
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const [command, file] = line.trim().split(' ');
    if (command === 'count') process.stdout.write(`${JSON.stringify({ requests: bench.requestCount() })}\n`);
    // `log FILE`: the requests since the last `log`, one JSON object a line, into FILE; answers `{ "logged": n }`.
    if (command === 'log' && file) {
      const taken = bench.takeRequests();
      writeFileSync(file, taken.map((r) => `${JSON.stringify(r)}\n`).join(''));
      process.stdout.write(`${JSON.stringify({ logged: taken.length })}\n`);
    }
  });
  await new Promise<void>((resolve) => lines.once('close', resolve));
  await bench.close();
}

/**
 * Phase edges come from the injected clock, which `runChecks` calls once at the start, then for every
 * site as it is dispatched (so the second call marks the end of registry loading), and last after
 * the results are written. The last progress callback marks the end of probing.
 */
async function runEngine(dataDir: string): Promise<EngineResult> {
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  // Where the memory goes: the main thread's heap, and buffers outside it (page bytes, zlib, sockets).
  // The model workers' isolates are read from the workers (their heaps and external memory).
  const peak = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0, workers: 0 };
  // The run's own worker threads, counted: how many pages it modelled is what the reuse saves.
  const workers = createModelWorkers();
  // CANHGAC_BENCH_MEMLOG=file: one JSON line a second (memory and sites done), to see when the peak comes.
  const memLog = process.env.CANHGAC_BENCH_MEMLOG;
  const mib = (bytes: number) => Math.round(bytes / 1048576);
  let done = 0;
  let ticks = 0;
  let workersNow = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    for (const key of ['rss', 'heapTotal', 'heapUsed', 'external', 'arrayBuffers'] as const)
      peak[key] = Math.max(peak[key], m[key]);
    void workers.memory().then((each) => {
      workersNow = each.reduce((sum, w) => sum + w.heap + w.external, 0);
      peak.workers = Math.max(peak.workers, workersNow);
    });
    if (memLog && ++ticks % 5 === 0) {
      const line = { s: Math.round((performance.now() - started) / 1000), done, workers: mib(workersNow) };
      for (const [key, value] of Object.entries(m)) Object.assign(line, { [key]: mib(value) });
      appendFileSync(memLog, `${JSON.stringify(line)}\n`);
    }
  }, 200);
  sampler.unref();
  let clockCalls = 0;
  let probingStarted = started;
  let lastClock = started;
  let probingEnded = started;
  let modelled = 0;
  const extractor: ModelExtractor = {
    extract(...args) {
      modelled += 1;
      return workers.extract(...args);
    },
    close: () => workers.close(),
  };
  const report = await runChecks(
    {
      location: flatLocation(dataDir),
      allowPrivate: true,
      commit: false,
      onProgress: () => {
        done += 1;
        probingEnded = performance.now();
      },
    },
    {
      extractor,
      clock: () => {
        clockCalls += 1;
        lastClock = performance.now();
        if (clockCalls === 2) probingStarted = lastClock;
        return new Date();
      },
    },
  ).finally(() => workers.close());
  const ended = performance.now();
  clearInterval(sampler);
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  process.stderr.write(
    `bench:check engine child: peaks (MB, sampled every 200 ms) rss ${mb(peak.rss)}, byte budget held ${mb(report.bytesInFlight.peak)} of ${mb(report.bytesInFlight.limit)}, main heap ${mb(peak.heapTotal)} (used ${mb(peak.heapUsed)}), external ${mb(peak.external)} (array buffers ${mb(peak.arrayBuffers)}), model workers ${mb(peak.workers)} (heaps and external memory); maxRSS ${mb(process.resourceUsage().maxRSS * 1024)}\n`,
  );
  const runCpu = process.cpuUsage(cpuStart);
  const total = process.cpuUsage();
  const reasons: Record<string, number> = {};
  const verdicts: Record<string, number> = {};
  const hostile: Record<string, number> = {};
  let healthySites = 0;
  let healthyUp = 0;
  for (const check of report.checks) {
    const { id, state, reason } = check.status;
    if (id.startsWith(HOSTILE_PREFIX)) {
      const kind = id.slice(HOSTILE_PREFIX.length).replace(/-\d+$/, '');
      const key = `${kind} ${state}${reason ? ` ${reason}` : ''}`;
      hostile[key] = (hostile[key] ?? 0) + 1;
    } else {
      healthySites += 1;
      if (state === 'up') healthyUp += 1;
    }
    if (check.status.state !== 'up')
      reasons[check.status.reason ?? 'none'] = (reasons[check.status.reason ?? 'none'] ?? 0) + 1;
    const verdict = check.status.defacement?.verdict;
    if (verdict) verdicts[verdict] = (verdicts[verdict] ?? 0) + 1;
  }
  return {
    wallMs: report.run.durationMs,
    processWallMs: Math.round(ended),
    cpuMs: Math.round((total.user + total.system) / 1000),
    runCpuMs: Math.round((runCpu.user + runCpu.system) / 1000),
    maxRssKb: process.resourceUsage().maxRSS,
    memory: peak,
    sites: report.run.sites,
    up: report.run.up,
    healthySites,
    healthyUp,
    hostile,
    degraded: report.run.degraded,
    down: report.run.down,
    retried: report.checks.filter((c) => c.status.attempts > 1).length,
    slowDns: report.checks.filter((c) => (c.status.dns?.ms ?? 0) > 1_000).length,
    registryErrors: report.run.registryErrors,
    reasons,
    modelled,
    verdicts,
    phases: {
      loadMs: Math.round(probingStarted - started),
      probeMs: Math.round(probingEnded - probingStarted),
      writeMs: Math.round(lastClock - probingEnded),
    },
  };
}

const [role, argument] = process.argv.slice(2);
try {
  if (role === 'portals' && argument) await servePortals(argument);
  else if (role === 'engine' && argument) process.stdout.write(`${JSON.stringify(await runEngine(argument))}\n`);
  else
    throw new Error(
      `usage: check-children.ts portals '<options JSON>' | engine <dataDir> (got ${JSON.stringify(process.argv.slice(2))})`,
    );
} catch (error) {
  console.error(
    `bench:check ${role ?? '?'} child: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exitCode = 1;
}
