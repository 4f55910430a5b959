import type { APIRoute, GetStaticPaths } from 'astro';
import { loadModel } from '../../../data/load-model.ts';
import { uptimeBadge } from '../../../lib/shields-badge.ts';
import type { SiteRow } from '../../../lib/status-model.ts';

/** shields.io endpoint badge of a site's 90-day uptime. */
export const getStaticPaths = (async () =>
  (await loadModel()).sites.map((row) => ({ params: { id: row.id }, props: { row } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ row: SiteRow }> = ({ props }) => Response.json(uptimeBadge(props.row));
