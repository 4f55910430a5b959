import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_HEAP_MB } from '../../site/build-heap.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ASTRO = path.join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');

export type Variant = 'public' | 'internal';

export interface BuildSiteOptions {
  /** The data dir (CANHGAC_DATA). */
  readonly data: string;
  /** The output root (CANHGAC_OUT), inside the project (`makeBuildOut`): the site lands in `<out>/<variant>`. */
  readonly out: string;
  readonly variant: Variant;
  /** CANHGAC_BUILD_NOW: the build's clock, so pages are the same for the same data. */
  readonly now?: string;
}

export interface BuildResult {
  readonly dir: string;
  /** Wall time of the whole `astro build` process, start-up included. */
  readonly ms: number;
  /** Peak resident set size of the build process in bytes (its own, not esbuild's helper). */
  readonly maxRssBytes: number | null;
  /**
   * CPU time of the build process (user + system, all its threads) in ms: on a shared machine a
   * steadier figure than the wall time.
   */
  readonly cpuMs: number | null;
  readonly output: string;
}

/** Reports the process's peak RSS and CPU time on exit; preloaded into the build through --import. */
const RSS_PROBE = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('CANHGAC_MAXRSS_KB='+u.maxRSS+' CANHGAC_CPU_US='+(u.userCPUTime+u.systemCPUTime)+'\\n')})`;

/**
 * Builds one variant of the status site as `npm run build` does (same config, same variant switch),
 * but into `out` and from `data`, in a child process of this Node. Rejects with the build's output
 * when it fails. The content cache Astro keeps per output dir is removed by `removeBuild`.
 */
export async function buildSite(options: BuildSiteOptions): Promise<BuildResult> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CANHGAC_DATA: options.data,
    CANHGAC_OUT: options.out,
    ASTRO_TELEMETRY_DISABLED: '1',
  };
  delete env.CANHGAC_VARIANT;
  if (options.variant === 'internal') env.CANHGAC_VARIANT = 'internal';
  if (options.now) env.CANHGAC_BUILD_NOW = options.now;
  if (!path.resolve(options.out).startsWith(ROOT))
    throw new Error(`${options.out}: build output must be inside ${ROOT} (use makeBuildOut)`);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const heap = `--max-old-space-size=${process.env.CANHGAC_BUILD_HEAP_MB || BUILD_HEAP_MB}`;
    const child = spawn(process.execPath, [heap, '--import', RSS_PROBE, ASTRO, 'build'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = performance.now() - started;
      const rss = /CANHGAC_MAXRSS_KB=(\d+)/.exec(output);
      const cpu = /CANHGAC_CPU_US=(\d+)/.exec(output);
      if (code !== 0)
        return reject(
          new Error(
            `astro build (${options.variant}, data ${options.data}) failed with ${signal ?? `exit code ${code}`}:\n${output.slice(-4000)}`,
          ),
        );
      resolve({
        dir: path.join(options.out, options.variant),
        ms,
        maxRssBytes: rss ? Number(rss[1]) * 1024 : null,
        cpuMs: cpu ? Number(cpu[1]) / 1000 : null,
        output,
      });
    });
  });
}

/**
 * A fresh output root for one test's, bench's or `npm start`'s builds, inside the project (git-ignored
 * node_modules/.cache). Not /tmp: Astro writes its intermediate server build to `<outDir>/.prerender/`
 * only when outDir is inside the working directory; otherwise to `<project>/.astro/.prerender/`, which
 * every concurrent build to an outside dir shares, and two such builds at once fail with
 * ERR_MODULE_NOT_FOUND for each other's chunks. (Run from the outside dir instead, the chunks there
 * cannot resolve packages.)
 */
export async function makeBuildOut(label: string): Promise<string> {
  const parent = path.join(ROOT, 'node_modules', '.cache', 'canhgac-site-builds');
  await mkdir(parent, { recursive: true });
  return mkdtemp(path.join(parent, `${label}-`));
}

/** Astro's content cache for an output root, as astro.config.mjs names it. */
function buildCacheDirs(out: string): string[] {
  const slug = out.replace(/[^A-Za-z0-9]+/g, '_');
  return (['public', 'internal'] as const).map((variant) =>
    path.join(ROOT, 'node_modules', '.astro', `${slug}-${variant}`),
  );
}

/** An output root from `makeBuildOut` with the content caches its builds left. */
export async function removeBuild(out: string): Promise<void> {
  for (const dir of buildCacheDirs(out)) await rm(dir, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
}

/** A test's clean-up: the build output with its content caches, and the fixture's temp dir. */
export async function removeBuildAndFixture(out: string | undefined, tmp: string | undefined): Promise<void> {
  if (out) await removeBuild(out);
  if (tmp) await rm(tmp, { recursive: true, force: true });
}
