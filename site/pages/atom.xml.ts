import type { APIRoute } from 'astro';
import { loadIncidentFeeds } from '../data/public-outputs.ts';

/** Atom 1.0 of public incident updates (site/lib/incident-feed.ts). */
export const GET: APIRoute = async ({ site }) =>
  new Response((await loadIncidentFeeds(site)).atom, {
    headers: { 'content-type': 'application/atom+xml; charset=utf-8' },
  });
