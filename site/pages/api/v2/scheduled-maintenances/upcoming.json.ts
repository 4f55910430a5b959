import type { APIRoute } from 'astro';
import { loadStatuspageApi } from '../../../../data/public-outputs.ts';

/** Statuspage v2 `/api/v2/scheduled-maintenances/upcoming.json` (site/lib/statuspage.ts). */
export const GET: APIRoute = async ({ site }) =>
  Response.json((await loadStatuspageApi(site))['scheduled-maintenances/upcoming.json']);
