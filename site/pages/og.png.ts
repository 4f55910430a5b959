import type { APIRoute } from 'astro';
import { loadOgInput } from '../data/public-outputs.ts';
import { ogImagePng } from '../lib/og-image.ts';

/** The Open Graph image of the current status (site/lib/og-image.ts). */
export const GET: APIRoute = async () =>
  new Response(new Uint8Array(await ogImagePng(await loadOgInput())), { headers: { 'content-type': 'image/png' } });
