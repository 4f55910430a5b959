import { z } from 'zod';

/**
 * The shields.io endpoint badge schema, mirroring shields' Joi schema (services/endpoint-common.js,
 * unknown keys rejected): schemaVersion exactly 1, label a string (may be empty), message a non-empty
 * string, logos mutually exclusive, logoColor/logoWidth only with a logo, cacheSeconds an integer ≥ 0.
 */
export const ShieldsEndpointSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    label: z.string(),
    message: z.string().min(1),
    color: z.string().optional(),
    labelColor: z.string().optional(),
    isError: z.boolean().optional(),
    namedLogo: z.string().optional(),
    logoSvg: z.string().optional(),
    logoColor: z.string().optional(),
    logoWidth: z.number().optional(),
    logoPosition: z.number().optional(),
    style: z.string().optional(),
    cacheSeconds: z.number().int().min(0).optional(),
  })
  .refine(
    (b) => !(b.namedLogo !== undefined && b.logoSvg !== undefined),
    'namedLogo and logoSvg are mutually exclusive',
  )
  .refine((b) => b.logoColor === undefined || b.namedLogo !== undefined, 'logoColor needs namedLogo')
  .refine(
    (b) =>
      (b.logoWidth === undefined && b.logoPosition === undefined) ||
      b.namedLogo !== undefined ||
      b.logoSvg !== undefined,
    'logoWidth needs a logo',
  );

/** What Canh Gác promises on top: a colour, and a cache of at least shields' floor of 300 s. */
export const CanhGacBadgeSchema = ShieldsEndpointSchema.refine(
  (b) => typeof b.color === 'string' && b.color.length > 0,
  'color is required',
).refine((b) => b.cacheSeconds !== undefined && b.cacheSeconds >= 300, 'cacheSeconds must be at least 300');
