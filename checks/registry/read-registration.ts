import type { ProbeDeps } from '../probes/http-probe.ts';
import type { ProbeSettings } from '../schemas/config.ts';
import type { IssueEvent } from '../schemas/issue-event.ts';
import type { RegistrationProbe, RegistrationResult } from '../schemas/registration.ts';
import { parseIssueForm } from './parse-issue-form.ts';
import { probeNewSite } from './probe-new-site.ts';
import { REGISTER_FORM_FIELDS } from './register-form.ts';
import { validateRegistration, type RegistrationRegistry } from './validate-registration.ts';

export interface ReadRegistrationInput {
  readonly event: IssueEvent;
  readonly registry: RegistrationRegistry;
  readonly settings: ProbeSettings;
  /** For tests and the demo only: lets the probe reach private addresses. */
  readonly allowPrivate: boolean;
  readonly probeDeps: ProbeDeps;
}

/**
 * The `read` job's work: the issue's form, checked against the registry, and the URL fetched once
 * through the SSRF guard. The result is data for the `respond` job; nothing here writes anywhere.
 */
export async function readRegistration(input: ReadRegistrationInput): Promise<RegistrationResult> {
  const { event } = input;
  const issue = event.issue.number;
  const form = parseIssueForm(event.issue.body ?? '', REGISTER_FORM_FIELDS);
  const checked = validateRegistration(form, input.registry, { issue, allowPrivate: input.allowPrivate });
  const errors = [...checked.errors];
  let probe: RegistrationProbe = { outcome: 'not-run' };
  if (checked.probeUrl !== undefined) {
    const probed = await probeNewSite(checked.probeUrl, input.settings, input.allowPrivate, input.probeDeps);
    if (probed.blocked) errors.push({ field: 'url', code: 'url-blocked', values: [probed.message] });
    else probe = probed.probe;
  }
  const notes = checked.notes.map((n) => ({ ...n, values: [...(n.values ?? [])] }));
  const mapped = errors.map((e) => ({ ...e, values: [...(e.values ?? [])] }));
  if (mapped.length > 0 || checked.site === undefined)
    return { version: 1, issue, outcome: 'rejected', errors: mapped, notes, probe };
  const { id, path, content } = checked.site;
  return { version: 1, issue, outcome: 'accepted', id, path, content, notes, probe };
}
