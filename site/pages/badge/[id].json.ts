import type { APIRoute, GetStaticPaths } from 'astro';
import { badgePaths, type BadgePath } from '../../data/page-paths.ts';
import { stateBadge } from '../../lib/shields-badge.ts';

/** shields.io endpoint badge of a site's state: `https://img.shields.io/endpoint?url=<site>/badge/<id>.json`. */
export const getStaticPaths = (() => badgePaths('state')) satisfies GetStaticPaths;

export const GET: APIRoute<BadgePath['props']> = ({ props }) => Response.json(stateBadge(props.row));
