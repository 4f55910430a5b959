import type { APIRoute } from 'astro';
import { loadIncidentFeeds } from '../data/public-outputs.ts';

/** RSS 2.0 of public incident updates (site/lib/incident-feed.ts). */
export const GET: APIRoute = async ({ site }) =>
  new Response((await loadIncidentFeeds(site)).rss, {
    headers: { 'content-type': 'application/rss+xml; charset=utf-8' },
  });
