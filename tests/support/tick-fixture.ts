import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RESPONSE_BUCKETS_MS, type HistoryFile } from '../../checks/schemas/history.ts';
import type { RunFile } from '../../checks/schemas/run.ts';
import type { StatusFile } from '../../checks/schemas/status.ts';
import { mapPool } from '../../checks/run/pool.ts';
import { seededRandom } from '../../checks/simulator/random.ts';

/**
 * One more run over a status-site fixture's data dir (tests/support/site-fixture.ts), written as the
 * checks would write it, in place: every site checked again `minutes` later (a new `checkedAt`,
 * different timings, body size, DNS time and `etag` header, one more check counted today, the run file's times moved on) and `change`
 * of the sites that are up going down (their status, their history's state and a state change).
 * The rest keep their state: their closed days, incidents and state are what they were.
 */
export interface TickOptions {
  readonly minutes?: number;
  /** Share of the sites that are up to take down, 0–1 (0.01 is one in a hundred); default 0. */
  readonly change?: number;
  readonly seed?: number;
}

export interface TickResult {
  /** Sites that went down. */
  readonly changedIds: readonly string[];
  /** CANHGAC_BUILD_NOW for the build after this run. */
  readonly buildNow: string;
}

const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** `buildNow` is the build clock used before this tick; the result's is `minutes` later. */
export async function tickSiteFixture(dir: string, buildNow: string, options: TickOptions = {}): Promise<TickResult> {
  const ms = (options.minutes ?? 5) * 60_000;
  const random = seededRandom(options.seed ?? 7);
  const names = (await readdir(path.join(dir, 'status'))).filter((n) => n.endsWith('.json')).sort();
  // Decided up front, in name order, so the same seed changes the same sites.
  const goDown = new Set(names.filter(() => random() < (options.change ?? 0)));
  const changed: string[] = [];
  await mapPool(names, 32, async (name) => {
    const statusFile = path.join(dir, 'status', name);
    const historyFile = path.join(dir, 'history', name);
    const status = JSON.parse(await readFile(statusFile, 'utf8')) as StatusFile;
    const history = JSON.parse(await readFile(historyFile, 'utf8')) as HistoryFile;
    const checkedAt = shift(status.checkedAt, ms);
    const down = goDown.has(name) && status.state === 'up';
    let next: StatusFile;
    if (down) {
      changed.push(status.id);
      next = {
        ...status,
        checkedAt,
        state: 'down',
        reason: 'timeout',
        error: { code: 'UND_ERR_HEADERS_TIMEOUT', message: 'Headers Timeout Error' },
        attempts: 2,
        firstReason: 'timeout',
        http: null,
        defacement: null,
      };
      history.state = 'down';
      history.since = checkedAt;
      history.events.push({ at: checkedAt, from: 'up', to: 'down', reason: 'timeout' });
    } else {
      // Everything a run measures anew moves on: timings, body size, headers, the DNS time.
      let http = status.http;
      if (http) {
        const t = http.timings;
        const plus = (value: number | null, by: number) => (value === null ? null : value + by);
        http = {
          ...http,
          timings: {
            dns: plus(t.dns, 1.5),
            connect: plus(t.connect, 2),
            tls: plus(t.tls, 3),
            ttfb: plus(t.ttfb, 20),
            total: t.total + 37,
          },
          bytes: http.bytes + 13,
          headers: { ...http.headers, etag: `"tick-${checkedAt}"` },
        };
      }
      const dns = status.dns && { ...status.dns, ms: status.dns.ms + 1.5 };
      next = { ...status, checkedAt, http, dns };
    }
    if (history.today) {
      const state = next.state;
      history.today.checks += 1;
      history.today[state] += 1;
      if (state !== 'down') {
        const total = next.http?.timings.total ?? 0;
        const bucket = RESPONSE_BUCKETS_MS.findIndex((b) => total <= b);
        history.today.buckets[bucket === -1 ? RESPONSE_BUCKETS_MS.length : bucket]! += 1;
      }
    }
    await writeFile(statusFile, `${JSON.stringify(next, null, 2)}\n`);
    await writeFile(historyFile, `${JSON.stringify(history, null, 2)}\n`);
  });
  for (const name of (await readdir(path.join(dir, 'runs'))).filter((n) => n.endsWith('.json'))) {
    const file = path.join(dir, 'runs', name);
    const run = JSON.parse(await readFile(file, 'utf8')) as RunFile;
    await writeFile(
      file,
      `${JSON.stringify({ ...run, startedAt: shift(run.startedAt, ms), finishedAt: shift(run.finishedAt, ms) }, null, 2)}\n`,
    );
  }
  return { changedIds: changed.sort(), buildNow: shift(buildNow, ms) };
}
