import { probeUrl, type ProbeDeps } from '../probes/http-probe.ts';
import type { ProbeSettings } from '../schemas/config.ts';
import type { RegistrationProbe } from '../schemas/registration.ts';

export type NewSiteProbe =
  | { readonly blocked: true; readonly message: string }
  | { readonly blocked: false; readonly probe: RegistrationProbe };

/**
 * One fetch of a URL being registered, through the monitor's own probe: the name is resolved, every
 * address checked by the SSRF guard and the checked address dialled (no second lookup), every
 * redirect hop likewise. A refused address means the site cannot be monitored: `blocked`, an error
 * on the form's URL. Anything else the site does (down, slow, a 503, a bad certificate) is a note:
 * agencies register sites that are down. Never throws for what the site does.
 */
export async function probeNewSite(
  url: string,
  settings: ProbeSettings,
  allowPrivate: boolean,
  deps: ProbeDeps,
): Promise<NewSiteProbe> {
  const attempt = await probeUrl({ url, settings, allowPrivate }, deps);
  if (attempt.failure?.reason === 'blocked-address') return { blocked: true, message: attempt.failure.message };
  if (attempt.failure !== null || attempt.http === null) {
    const failure = attempt.failure ?? { reason: 'internal' as const, code: 'NO_RESPONSE', message: 'no response' };
    return {
      blocked: false,
      probe: {
        outcome: 'unreachable',
        reason: failure.reason,
        code: failure.code.slice(0, 200),
        message: failure.message.slice(0, 2_000),
      },
    };
  }
  return {
    blocked: false,
    probe: {
      outcome: 'answered',
      status: attempt.http.status,
      ms: Math.round(attempt.totalMs),
      finalUrl: attempt.http.finalUrl.slice(0, 2_000),
    },
  };
}
