import type { APIRoute } from 'astro';
import { loadModel } from '../data/load-model.ts';
import { buildSearchIndex } from '../lib/search-index.ts';

/** The search box's index (site/lib/search-index.ts), one for both languages, fetched on first use. */
export const GET: APIRoute = async () => {
  const model = await loadModel();
  return new Response(JSON.stringify(buildSearchIndex({ groups: model.groups, sites: model.sites })), {
    headers: { 'content-type': 'application/json' },
  });
};
