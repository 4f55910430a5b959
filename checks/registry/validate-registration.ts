import { githubHandle } from '../schemas/config.ts';
import type { RegistrationMessage } from '../schemas/registration.ts';
import { newSiteFile, siteIdForUrl, splitList } from './new-site.ts';
import { normaliseUrl } from './normalise-url.ts';
import type { ParsedIssueForm } from './parse-issue-form.ts';
import { REGISTER_FORM_FIELDS, registerFieldOf, type RegisterFieldId } from './register-form.ts';
import { checkSiteUrl } from './url-policy.ts';

/** What a registration is checked against: the registry on the default branch. */
export interface RegistrationRegistry {
  /** Keys of `groups` in config.yml. */
  readonly groups: readonly string[];
  /** Every id with a file in `sites/`, valid or not: a registration never writes over a file. */
  readonly ids: ReadonlySet<string>;
  /** Normalised URL (normalise-url.ts) → the file that lists it, e.g. `data/sites/bo-a.yml`. */
  readonly urls: ReadonlyMap<string, string>;
}

export interface RegistrationCheck {
  readonly errors: readonly RegistrationMessage[];
  readonly notes: readonly RegistrationMessage[];
  /** The site file to add; only when there are no errors. */
  readonly site?: { readonly id: string; readonly path: string; readonly content: string; readonly url: string };
  /** The URL, when it passed the policy and the duplicate check: what the probe may fetch. */
  readonly probeUrl?: string;
}

/** Limits that keep one issue from writing a novel into a site file; far above any real portal's. */
const REGISTRATION_LIMITS = { text: 300, url: 2_000, listItems: 20 } as const;

/**
 * Turns the fields of a filled-in form into a site file, or into errors that each name a form
 * field. The id comes from the URL (`siteIdForUrl`), made unique against the registry; the file is
 * rendered by `renderSiteFile` (values through the YAML serialiser, never a template) and then
 * checked by the same validator pull requests get. Pure.
 */
export function validateRegistration(
  form: ParsedIssueForm<RegisterFieldId>,
  registry: RegistrationRegistry,
  options: { readonly issue: number; readonly allowPrivate: boolean },
): RegistrationCheck {
  const errors: RegistrationMessage[] = [];
  const notes: RegistrationMessage[] = [];
  const error = (field: RegisterFieldId | null, code: RegistrationMessage['code'], values: string[] = []) =>
    errors.push({ field, code, values });
  if (form.found === 0) {
    error(null, 'no-form');
    return { errors, notes };
  }
  for (const id of form.repeated) error(id, 'repeated');
  for (const { id, required } of REGISTER_FORM_FIELDS)
    if (required && form.values[id] === undefined && !form.repeated.includes(id)) error(id, 'missing');

  const text = (id: 'name' | 'name_en' | 'agency'): string | undefined => {
    const raw = form.values[id];
    if (raw === undefined || form.repeated.includes(id)) return undefined;
    // The form's inputs are one line; a line break typed by editing the body is only a space.
    const value = raw.replace(/\s+/g, ' ');
    if ([...value].length > REGISTRATION_LIMITS.text) {
      error(id, 'too-long', [String(REGISTRATION_LIMITS.text)]);
      return undefined;
    }
    return value;
  };
  const name = text('name');
  const nameEn = text('name_en');
  const agency = text('agency');

  const url = checkUrl(form, registry, options.allowPrivate, errors, notes);

  let group: string | undefined;
  const rawGroup = form.values.group;
  if (rawGroup !== undefined && !form.repeated.includes('group')) {
    const key = rawGroup.trim().toLowerCase();
    if (registry.groups.includes(key)) group = key;
    else error('group', 'group-unknown', [rawGroup.slice(0, 100), ...[...registry.groups].sort()]);
  }

  const responders = list(
    form,
    'responders',
    errors,
    (item) => item.replace(/^@/, ''),
    (item) => githubHandle.safeParse(item).success,
  );
  const tags = list(
    form,
    'tags',
    errors,
    (item) => item.toLowerCase(),
    (item) => /^[a-z0-9-]+$/.test(item),
  );

  if (errors.length > 0 || !name || !agency || !group || !url || !responders || !tags)
    return { errors, notes, ...(url ? { probeUrl: url } : {}) };

  const made = newSiteFile(
    { name, name_en: nameEn, agency, group, url, responders, tags },
    {
      ids: registry.ids,
      dir: 'data/sites',
      comment: `Đăng ký qua biểu mẫu, issue #${options.issue}.\nRegistered through the issue form, issue #${options.issue}.`,
      groups: registry.groups,
      allowPrivate: options.allowPrivate,
    },
  )!; // checkUrl gave the URL back only when it gives an id
  const { id, file: path, content, check: checked } = made;
  for (const problem of checked.problems) {
    // URL findings were reported above, from the same policy.
    if (problem.field === 'url') continue;
    const message: RegistrationMessage = {
      field: registerFieldOf(problem.field),
      code: 'site-file',
      values: [problem.message],
    };
    (problem.severity === 'error' ? errors : notes).push(message);
  }
  if (errors.length > 0) return { errors, notes, probeUrl: url };
  return { errors, notes, site: { id, path, content, url }, probeUrl: url };
}

/** The URL if it can be registered, else `undefined` with its errors recorded. */
function checkUrl(
  form: ParsedIssueForm<RegisterFieldId>,
  registry: RegistrationRegistry,
  allowPrivate: boolean,
  errors: RegistrationMessage[],
  notes: RegistrationMessage[],
): string | undefined {
  const raw = form.values.url;
  if (raw === undefined || form.repeated.includes('url')) return undefined;
  const url = raw.trim();
  if (url.length > REGISTRATION_LIMITS.url) {
    errors.push({ field: 'url', code: 'too-long', values: [String(REGISTRATION_LIMITS.url)] });
    return undefined;
  }
  const problems = checkSiteUrl(url, { allowPrivate });
  for (const problem of problems) {
    const message = { field: 'url' as const, code: problem.code, values: [...problem.values] };
    (problem.severity === 'error' ? errors : notes).push(message);
  }
  if (problems.some((p) => p.severity === 'error')) return undefined;
  const key = normaliseUrl(url);
  const listed = key === undefined ? undefined : registry.urls.get(key);
  if (listed !== undefined) {
    errors.push({ field: 'url', code: 'url-duplicate', values: [listed] });
    return undefined;
  }
  if (siteIdForUrl(url) === undefined) {
    errors.push({ field: 'url', code: 'url-invalid', values: [url] });
    return undefined;
  }
  return url;
}

/** Space- or comma-separated items, each normalised then checked; `undefined` when any is bad. */
function list(
  form: ParsedIssueForm<RegisterFieldId>,
  field: 'responders' | 'tags',
  errors: RegistrationMessage[],
  normalise: (item: string) => string,
  valid: (item: string) => boolean,
): string[] | undefined {
  if (form.repeated.includes(field)) return undefined;
  const items = [...new Set(splitList(form.values[field]).map(normalise))];
  if (items.length > REGISTRATION_LIMITS.listItems) {
    errors.push({ field, code: 'too-many', values: [String(REGISTRATION_LIMITS.listItems)] });
    return undefined;
  }
  const bad = items.filter((item) => !valid(item));
  if (bad.length > 0) {
    errors.push({
      field,
      code: field === 'tags' ? 'tag-invalid' : 'handle-invalid',
      values: bad.map((b) => b.slice(0, 100)),
    });
    return undefined;
  }
  return items;
}
