import type { APIRoute, GetStaticPaths } from 'astro';
import { badgePaths, type BadgePath } from '../../../data/page-paths.ts';
import { uptimeBadge } from '../../../lib/shields-badge.ts';

/** shields.io endpoint badge of a site's uptime over the 90 closed days. */
export const getStaticPaths = (() => badgePaths('uptime')) satisfies GetStaticPaths;

export const GET: APIRoute<BadgePath['props']> = ({ props }) => Response.json(uptimeBadge(props.row));
