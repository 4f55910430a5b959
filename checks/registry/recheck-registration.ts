import type { RegistrationMessage } from '../schemas/registration.ts';
import type { Site } from '../schemas/site.ts';
import { normaliseUrl } from './normalise-url.ts';
import { registerFieldOf } from './register-form.ts';
import type { RegistrationRegistry } from './validate-registration.ts';
import { validateSiteFile } from './validate-site.ts';

export type Recheck =
  | { readonly ok: true; readonly site: Site }
  | { readonly ok: false; readonly errors: readonly RegistrationMessage[] };

/**
 * The `respond` job's own check of the site file the `read` job produced, before anything is
 * written: the validator pull requests get (with the SSRF policy on), the id and the URL against the
 * registry as it is now. The `read` job parsed hostile input and fetched a hostile server; what it
 * hands over is treated as a proposal. Pure.
 */
export function recheckRegistration(
  proposal: { readonly id: string; readonly path: string; readonly content: string },
  registry: RegistrationRegistry,
  allowPrivate = false,
): Recheck {
  const errors: RegistrationMessage[] = [];
  const checked = validateSiteFile({
    file: proposal.path,
    id: proposal.id,
    source: proposal.content,
    groups: registry.groups,
    allowPrivate,
  });
  for (const problem of checked.problems) {
    if (problem.severity !== 'error') continue;
    const field = registerFieldOf(problem.field);
    // The URL policy's findings keep their codes; anything else the validator said is quoted.
    const policy = field === 'url' ? checked.urlProblems.find((u) => u.message === problem.message) : undefined;
    errors.push(
      policy
        ? { field, code: policy.code, values: [...policy.values] }
        : { field, code: 'site-file', values: [problem.message] },
    );
  }
  if (registry.ids.has(proposal.id))
    errors.push({ field: 'url', code: 'site-file', values: [`${proposal.path} already exists`] });
  const key = checked.site ? normaliseUrl(checked.site.url) : undefined;
  const listed = key === undefined ? undefined : registry.urls.get(key);
  if (listed !== undefined) errors.push({ field: 'url', code: 'url-duplicate', values: [listed] });
  if (errors.length > 0 || !checked.site) {
    if (errors.length === 0) errors.push({ field: null, code: 'site-file', values: ['the site file is not valid'] });
    return { ok: false, errors };
  }
  return { ok: true, site: checked.site };
}
