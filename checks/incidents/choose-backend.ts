import type { Config } from '../schemas/config.ts';
import type { IncidentBackend } from './backend.ts';
import { createGithubBackend } from './github-backend.ts';
import { createLocalBackend } from './local-backend.ts';

export interface ChosenBackend {
  readonly backend: IncidentBackend | null;
  /** Said once in the run's output: which backend, and why when it is not the one asked for. */
  readonly notice: string | null;
}

/**
 * The incident backend from `incidents.backend` and the environment. `auto` is GitHub when
 * GITHUB_TOKEN is set (Actions) and local files otherwise, so a fresh clone works without a token.
 * GITHUB_API_URL points at GitHub Enterprise Server (`https://HOST/api/v3`).
 */
export function chooseBackend(
  config: Config,
  env: Readonly<Record<string, string | undefined>>,
  dataDir: string,
  onNotice?: (message: string) => void,
): ChosenBackend {
  const wanted = config.incidents.backend;
  if (wanted === 'off') return { backend: null, notice: null };
  const token = env.GITHUB_TOKEN?.trim() || undefined;
  const repository = config.incidents.repository ?? (env.GITHUB_REPOSITORY?.trim() || undefined);
  if (wanted === 'local' || (wanted === 'auto' && token === undefined)) {
    return {
      backend: createLocalBackend(dataDir),
      notice:
        wanted === 'auto'
          ? 'no GITHUB_TOKEN: incidents are kept as files under incidents/local (npm run incident -- list)'
          : null,
    };
  }
  if (token === undefined)
    throw new Error(
      'incidents.backend is "github" but GITHUB_TOKEN is not set: pass the workflow token (permissions: issues: write) or a token for the incident repository',
    );
  if (repository === undefined)
    throw new Error(
      'incidents go to GitHub but no repository is named: set incidents.repository in config.yml or GITHUB_REPOSITORY',
    );
  // createGithubBackend strips a trailing slash from the URL.
  const apiUrl = env.GITHUB_API_URL?.trim() || 'https://api.github.com';
  return {
    backend: createGithubBackend({ apiUrl, repository, token, ...(onNotice ? { onNotice } : {}) }),
    notice: null,
  };
}
