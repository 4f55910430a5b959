import path from 'node:path';
import type { Config } from '../schemas/config.ts';
import { loadRegistry } from './load-registry.ts';
import { normaliseUrl } from './normalise-url.ts';
import type { RegistrationRegistry } from './validate-registration.ts';

/**
 * The registry a registration is checked against, read from `dataDir` (the default branch's
 * `data/`), with the deployment's config for the probe settings. URLs are keyed by the repository
 * path of the file that lists them (`data/sites/x.yml`), whatever `dataDir` was given as.
 */
export async function loadRegistrationRegistry(
  dataDir: string,
): Promise<RegistrationRegistry & { readonly config: Config }> {
  const loaded = await loadRegistry(dataDir, { allowPrivate: false });
  const ids = new Set(loaded.siteIds);
  const urls = new Map<string, string>();
  for (const site of loaded.sites) {
    const key = normaliseUrl(site.url);
    if (key !== undefined && !urls.has(key)) urls.set(key, `data/sites/${path.basename(site.file)}`);
  }
  return { groups: Object.keys(loaded.config.groups), ids, urls, config: loaded.config };
}
