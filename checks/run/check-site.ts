import type { ProbeSettings } from '../schemas/config.ts';
import type { Site } from '../schemas/site.ts';
import type { StatusFile } from '../schemas/status.ts';
import { probeUrl, type ProbeDeps, type RawPage } from '../probes/http-probe.ts';
import { judgeAttempt } from './judge-attempt.ts';

export interface SiteCheck {
  readonly status: StatusFile;
  /** The page of the counted attempt, for content analysis; never written to disk here. */
  readonly page: RawPage | null;
}

export interface CheckSiteOptions {
  readonly settings: ProbeSettings;
  readonly allowPrivate: boolean;
  /** The run's instant, written as `checkedAt`. */
  readonly checkedAt: Date;
}

export interface CheckSiteDeps extends ProbeDeps {
  readonly sleep: (ms: number) => Promise<void>;
}

/**
 * Probes a site and, when the first attempt is down, pauses and tries once more in the same run so a
 * single dropped connection does not count as an outage (the peer's top false-alarm complaint).
 */
export async function checkSite(site: Site, options: CheckSiteOptions, deps: CheckSiteDeps): Promise<SiteCheck> {
  const request = { url: site.url, settings: options.settings, allowPrivate: options.allowPrivate };
  let attempt = await probeUrl(request, deps);
  let judgement = judgeAttempt(attempt, site.url, site.checks.expected_status, options.settings);
  let attempts = 1;
  let firstReason = null;
  if (judgement.state === 'down') {
    firstReason = judgement.reason;
    await deps.sleep(options.settings.retest_delay_ms);
    attempt = await probeUrl(request, deps);
    judgement = judgeAttempt(attempt, site.url, site.checks.expected_status, options.settings);
    attempts = 2;
  }
  return {
    status: {
      id: site.id,
      checkedAt: options.checkedAt.toISOString(),
      state: judgement.state,
      reason: judgement.reason,
      error: judgement.error,
      attempts,
      firstReason,
      url: site.url,
      http: attempt.http,
      tls: attempt.tls,
      dns: attempt.dns,
      defacement: null,
    },
    page: attempt.page,
  };
}
