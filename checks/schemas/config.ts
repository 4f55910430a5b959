import { z } from 'zod';

/** A GitHub handle as GitHub allows it: letters, digits and single hyphens, at most 39 characters. */
export const githubHandle = z
  .string()
  .regex(
    /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/,
    'must be a GitHub handle such as "nguyen-van-a" (no @)',
  );

const positiveMs = z.number().int().positive();

/** How probes behave. Every field has a default so a minimal config.yml works. */
export const ProbeSettingsSchema = z.strictObject({
  /**
   * Sites checked at once; the pool never holds more sockets than this. 64: 2,000 sites with every
   * page changing take 38 s (0.83× curl at the same concurrency), and hostile servers in flight
   * together cost half of 128's (100 healthy + 300 hostile, first look: 490 MB of RSS, 536 MB at 128;
   * docs/configuration.md, _Sizing memory_).
   */
  concurrency: z.number().int().min(1).max(1024).default(64),
  dns_timeout_ms: positiveMs.default(5_000),
  connect_timeout_ms: positiveMs.default(10_000),
  /** Time from request sent to response headers. */
  header_timeout_ms: positiveMs.default(15_000),
  /** Whole attempt, redirects and body included. */
  total_timeout_ms: positiveMs.default(30_000),
  max_redirects: z.number().int().min(0).max(20).default(5),
  /** Cap on the body, applied to the decompressed size too (gzip and brotli bombs). */
  max_body_bytes: z
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
  /**
   * Page bytes (decompressed) the whole run holds at once, home pages, variants and subpages of every
   * site in flight together; a site's pages count until its check ends. What bounds a run's memory by
   * configuration instead of by what servers send: see "Sizing memory" in docs/configuration.md.
   * 32 MiB: at the default concurrency (64) sites in flight hold about 26 MB (0.4 MB each), and what
   * the budget lets hostile servers hold, up to twice it, is the largest part of a run's peak.
   */
  max_bytes_in_flight: z
    .number()
    .int()
    .positive()
    .default(32 * 1024 * 1024),
  /** A response slower than this (total ms) makes the site `degraded`. */
  degraded_ms: positiveMs.default(5_000),
  /** Pause before a failing site is tested again within the same run. */
  retest_delay_ms: z.number().int().min(0).default(2_000),
  user_agent: z.string().min(1).default('CanhGac/0.1 (+https://github.com/canh-gac; status monitor)'),
  /** DNS servers to ask (`IP` or `IP:port`); empty means the machine's resolvers. */
  dns_servers: z.array(z.string().min(1)).default([]),
  /** PEM file (relative to the data dir) with extra trusted roots, added to Node's bundled ones. */
  ca_file: z.string().min(1).optional(),
});

export const DefacementSettingsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Internal pages fetched per site and run, in rotation through sitemap.xml and the home page's links. */
  sample_pages: z.number().int().min(0).max(20).default(2),
  /** Fetch the Googlebot and Google-search variants every this many runs per site (spread over sites). */
  variants_every_runs: z.number().int().min(1).default(6),
  /** Read sitemap.xml every this many runs per site; other runs sample the home page's links. */
  sitemap_every_runs: z.number().int().min(1).default(12),
  /**
   * Clean observations teach the baseline on a doubling schedule (1 h, 2 h, 4 h, …) up to this many
   * hours between writes: baselines are committed, and rewriting 1,000 of them often would swamp git.
   */
  baseline_refresh_hours: z.number().min(0).default(720),
  visual: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** Routine screenshots this often per site (0 = only when other signals are suspicious). */
      every_hours: z.number().min(0).default(24),
      /**
       * Routine screenshots (first sight, due) per run at most, about a second each: 1,000 sites on a
       * 24-hour cycle need 3.5 per 5-minute run. Suspicious sites are always captured.
       */
      routine_per_run: z.number().int().min(0).default(12),
      /** Chromium's path; default: $CANHGAC_CHROMIUM, then /usr/bin/chromium, google-chrome, … */
      browser: z.string().min(1).optional(),
    })
    .default({ enabled: true, every_hours: 24, routine_per_run: 12 }),
});

export type DefacementSettings = z.output<typeof DefacementSettingsSchema>;

export const GroupSchema = z.strictObject({
  name: z.string().min(1),
  name_en: z.string().min(1).optional(),
});

export const DEFAULT_GROUPS = {
  ministry: { name: 'Bộ, cơ quan ngang bộ', name_en: 'Ministries and agencies' },
  province: { name: 'Tỉnh, thành phố', name_en: 'Provinces and cities' },
  other: { name: 'Cơ quan khác', name_en: 'Other bodies' },
} as const;

/** A `runs-on` value: one runner label, or all of several (a self-hosted runner's labels). */
const runnerLabels = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** Where responders open the internal site; it never goes to the public Pages site. */
export const InternalSiteSchema = z
  .strictObject({
    /**
     * `artifact`: a zip attached to each run (repository members download it);
     * `command`: a job on `runner` (a self-hosted runner inside the agency network) runs `command`
     * with the built site in `dist/internal/`, e.g. `rsync -a --delete dist/internal/ /srv/canhgac/`.
     */
    target: z.enum(['artifact', 'command']).default('artifact'),
    runner: runnerLabels.optional(),
    command: z
      .string()
      .min(1)
      .regex(/^[^\r\n]+$/, 'must be one line (put longer steps in a script on the runner)')
      .optional(),
  })
  .refine((s) => s.target !== 'command' || (s.runner !== undefined && s.command !== undefined), {
    message: 'target "command" needs both runner (the self-hosted runner\'s labels) and command',
  });

/**
 * When a tick's failures say more about the runner than about the sites (checks/monitor/vantage.ts):
 * its site incidents are frozen and one incident of kind `monitor` opens instead. All three must hold.
 *
 * Defaults: when the runner loses DNS or its network, all or nearly all sites fail at the network
 * level, while a real regional outage (one province, one hosting centre) is a small part of a
 * national registry (30 of 300 is 10 %). Half (`min_share` 0.5) sits far from both; an event that
 * really is that broad is also better told as one incident than as thousands. Below 10 failures
 * (`min_sites`) a registry is too small to tell a dead runner from a shared host, and ten site
 * incidents are bearable. Failures in at least 2 groups (`min_groups`; agencies when every checked
 * site is in fewer groups than that) keep one province's outage, however large, a set of site incidents.
 */
export const VantageSchema = z.strictObject({
  /** Share of the tick's checked sites that failed at the network level, 0-1. */
  min_share: z.number().min(0).max(1).default(0.5),
  /** At least this many network-level failures. */
  min_sites: z.number().int().min(1).default(10),
  /** Spread over at least this many groups (or agencies when the checked sites span fewer groups). */
  min_groups: z.number().int().min(1).default(2),
});
export type Vantage = z.output<typeof VantageSchema>;

export const PipelineSchema = z.strictObject({
  /** Check shards per tick: a number, or `auto` = ceil(sites / sites_per_shard) (at most 256, GitHub's matrix limit). */
  shards: z.union([z.literal('auto'), z.number().int().min(1).max(256)]).default('auto'),
  sites_per_shard: z.number().int().min(1).default(1000),
  /** `runs-on` of the check shards: GitHub-hosted by default, or a self-hosted runner's labels (e.g. one inside Vietnam). */
  check_runner: runnerLabels.default('ubuntu-latest'),
  /** A tick later than this after the previous one opens one incident of kind `monitor` on the monitor itself. */
  max_gap_minutes: z.number().int().min(5).default(20),
  vantage: VantageSchema.default(VantageSchema.parse({})),
  internal_site: InternalSiteSchema.default({ target: 'artifact' }),
});
export type Pipeline = z.output<typeof PipelineSchema>;

/** `data/config.yml`: one per deployment. */
export const ConfigSchema = z.strictObject({
  organisation: z.strictObject({
    name: z.string().min(1),
    name_en: z.string().min(1).optional(),
  }),
  /** IANA time zone that decides where a day starts for daily uptime. */
  time_zone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false; // Intl throws RangeError for an unknown zone: that is the answer, reported by the message below.
      }
    }, 'must be an IANA time zone such as "Asia/Ho_Chi_Minh"')
    .default('Asia/Ho_Chi_Minh'),
  /** Where the public status site is served. */
  public_url: z.url({ protocol: /^https?$/ }).optional(),
  /** How citizens report a problem; shown on the public site. */
  report: z
    .strictObject({
      email: z.email().optional(),
      phone: z.string().min(3).optional(),
      url: z.url({ protocol: /^https?$/ }).optional(),
    })
    .default({}),
  /** Consecutive failing/passing runs before an incident opens/resolves (issue #4 uses them). */
  thresholds: z
    .strictObject({
      down: z.number().int().min(1).default(2),
      degraded: z.number().int().min(1).default(3),
      defaced: z.number().int().min(1).default(1),
      suspected: z.number().int().min(1).default(2),
      recovery: z.number().int().min(1).default(2),
      tls_warning_days: z.number().int().min(1).default(14),
    })
    .default({ down: 2, degraded: 3, defaced: 1, suspected: 2, recovery: 2, tls_warning_days: 14 }),
  /** Incidents as issues (docs/responders.md). */
  incidents: z
    .strictObject({
      /**
       * `auto`: GitHub when GITHUB_TOKEN is set, else issues as files under DIR/incidents/local;
       * `off`: no incidents at all.
       */
      backend: z.enum(['auto', 'github', 'local', 'off']).default('auto'),
      /** `owner/name` of the repository that holds incident issues (may be private); default $GITHUB_REPOSITORY. */
      repository: z
        .string()
        .regex(/^[\w.-]+\/[\w.-]+$/, 'must be "owner/name"')
        .optional(),
      /** Base address of the internal status site; issues link to `<internal_url>/site/<id>/`. */
      internal_url: z.url({ protocol: /^https?$/ }).optional(),
      /** A responder closed an issue while the site still fails: reopen it after this many more failing runs. */
      reopen_after_runs: z.number().int().min(1).default(12),
      /**
       * Issue writes (create, comment, close, relabel) per run; the rest wait for the next run. GitHub
       * allows about 80 content-creating requests a minute: a mass outage must not stall the run.
       */
      max_writes_per_run: z.number().int().min(1).default(60),
      /** JSON POST on open, escalate and resolve; the HMAC secret comes from the environment variable named. */
      webhook: z
        .strictObject({
          url: z.url({ protocol: /^https?$/ }),
          secret_env: z
            .string()
            .regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name such as CANHGAC_WEBHOOK_SECRET')
            .optional(),
          timeout_ms: z.number().int().positive().default(10_000),
        })
        .optional(),
    })
    .default({ backend: 'auto', reopen_after_runs: 12, max_writes_per_run: 60 }),
  groups: z.record(z.string().regex(/^[a-z0-9-]+$/), GroupSchema).default(DEFAULT_GROUPS),
  probe: ProbeSettingsSchema.default(ProbeSettingsSchema.parse({})),
  /** Defacement detection (see docs/responders.md, "How detection works"). */
  defacement: DefacementSettingsSchema.default(DefacementSettingsSchema.parse({})),
  /**
   * How run commits are kept in git history. Runs within one period amend the period's commit,
   * so history keeps one data commit per period (see docs/data.md, "Repository growth").
   */
  git: z
    .strictObject({
      // `week`: `day` was measured above the 100 MB/year budget for 1,000 sites (bench/README.md).
      squash_runs: z.enum(['day', 'week', 'none']).default('week'),
      /**
       * The branch that holds everything runs write (status, history, incidents, baselines, evidence,
       * runs, monitor), at its root. `main` keeps people's files only, so agencies' pull requests stay
       * mergeable however many runs happened since they branched.
       */
      data_branch: z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'must be a git branch name such as "canhgac-data"')
        .refine(
          (name) => !['main', 'master', 'HEAD'].includes(name),
          'must not be main: runs never commit to the branch people work on',
        )
        .default('canhgac-data'),
    })
    .default({ squash_runs: 'week', data_branch: 'canhgac-data' }),
  /** How the GitHub workflow runs a tick (docs/operators.md). */
  pipeline: PipelineSchema.default(PipelineSchema.parse({})),
});

export type Config = z.output<typeof ConfigSchema>;
export type ProbeSettings = z.output<typeof ProbeSettingsSchema>;

/** The configuration used when `config.yml` is absent. */
export function defaultConfig(): Config {
  return ConfigSchema.parse({ organisation: { name: 'Canh Gác' } });
}
