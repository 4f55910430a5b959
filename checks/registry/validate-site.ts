import { SiteFileSchema, type Site } from '../schemas/site.ts';
import { byPosition, type Problem } from './problem.ts';
import { checkSiteId } from './site-id.ts';
import { translateIssues } from './translate-issues.ts';
import { checkSiteUrl, type UrlProblem } from './url-policy.ts';
import { parseYamlSource, type Position } from './yaml-source.ts';

export interface SiteFileInput {
  /** Shown in problems, e.g. `data/sites/bo-cong-an.yml`. */
  readonly file: string;
  /** The file name without its extension. */
  readonly id: string;
  readonly source: string;
  /** Keys of `groups` in config.yml. */
  readonly groups: readonly string[];
  readonly allowPrivate: boolean;
}

export interface SiteFileCheck {
  /** The validated site; `undefined` when the file has any error. */
  readonly site: Site | undefined;
  /** Sorted by position. */
  readonly problems: readonly Problem[];
  /** The `url` as written and where, for the registry-wide duplicate check; absent when not a string. */
  readonly url?: { readonly raw: string; readonly position: Position | undefined };
  /** The URL policy's findings among `problems`, with their codes (empty when the policy did not run). */
  readonly urlProblems: readonly UrlProblem[];
}

/**
 * Checks one `sites/<id>.yml` on its own: YAML syntax, the schema, the id, the group against the
 * configured groups, and the URL policy. Pure; checks across files (duplicates) are the loader's.
 */
export function validateSiteFile(input: SiteFileInput): SiteFileCheck {
  const { file, id } = input;
  const problems: Problem[] = [];
  const idProblem = checkSiteId(id);
  if (idProblem) problems.push({ severity: 'error', file, field: 'id', message: idProblem });

  const source = parseYamlSource(file, input.source);
  problems.push(...source.problems);
  if (source.problems.some((p) => p.severity === 'error')) {
    return { site: undefined, problems: problems.sort(byPosition), urlProblems: [] };
  }

  const result = SiteFileSchema.safeParse(source.value);
  if (!result.success) problems.push(...translateIssues(result.error.issues, { file, source, schema: SiteFileSchema }));
  const reported = new Set(problems.map((p) => p.field));
  const raw = isRecord(source.value) ? source.value : {};

  let url: SiteFileCheck['url'];
  let urlProblems: readonly UrlProblem[] = [];
  if (typeof raw.url === 'string') {
    const position = source.valueAt(['url']);
    url = { raw: raw.url, position };
    if (!reported.has('url')) {
      urlProblems = checkSiteUrl(raw.url, { allowPrivate: input.allowPrivate });
      for (const { severity, message } of urlProblems)
        problems.push({ severity, file, ...position, field: 'url', message });
    }
  }

  const group = raw.group;
  if (typeof group === 'string' && !reported.has('group') && !input.groups.includes(group)) {
    const known = [...input.groups].sort().join(', ');
    problems.push({
      severity: 'error',
      file,
      ...source.valueAt(['group']),
      field: 'group',
      message: `unknown group ${JSON.stringify(group)} (known: ${known})`,
    });
  }

  problems.sort(byPosition);
  const failed = problems.some((p) => p.severity === 'error');
  const site = result.success && !failed ? { id, file, ...result.data } : undefined;
  return { site, problems, urlProblems, ...(url ? { url } : {}) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
