import { z } from 'zod';
import type { Baseline } from '../analysis/baseline.ts';
import { IDENTITY_ZONES } from '../analysis/identity.ts';
import { HINT_KINDS } from '../analysis/page-hints.ts';
import { DEFACEMENT_EXCERPT_MAX } from './defacement.ts';

const sketch = z.strictObject({
  hashes: z.array(z.number().int().nonnegative()),
  seen: z.array(z.number().int().nonnegative()),
  capped: z.boolean(),
});
const domains = z.array(z.string());

/**
 * `DIR/baselines/<id>.json`: what a site's home page normally looks like (analysis/baseline.ts
 * explains each field). Written by checks, read back by checks and by the internal site.
 */
export const BaselineFileSchema = z.strictObject({
  version: z.literal(1),
  capturedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  observations: z.number().int().nonnegative(),
  totalObservations: z.number().int().nonnegative(),
  domain: z.string(),
  title: z.string(),
  titles: z.array(z.string()),
  lang: z.string(),
  textLengths: z.array(z.number().int().nonnegative()),
  structure: sketch,
  text: sketch,
  domains: z.strictObject({
    script: domains,
    iframe: domains,
    stylesheet: domains,
    img: domains,
    a: domains,
    form: domains,
  }),
  favicon: z.string().nullable(),
  metaRefresh: z.strictObject({ delay: z.number(), url: z.string().nullable() }).nullable(),
  canonical: z.string().nullable(),
  redirectDomains: domains,
  spamTerms: z.array(z.string()),
  signatureTerms: z.array(z.string()),
  hints: z.array(z.enum(HINT_KINDS)),
  hiddenLinkDomains: domains,
  /** The page's text as lines for the internal site's diff (analysis/text-excerpt.ts); absent in older baselines. */
  excerpt: z.string().max(DEFACEMENT_EXCERPT_MAX).optional(),
  /** The site's names the page carried, where, and its own links (analysis/identity.ts); absent in older baselines. */
  identity: z
    .strictObject({
      names: z.array(z.string()),
      zones: z.array(z.enum(IDENTITY_ZONES)),
      ownLinks: z.number().int().nonnegative(),
    })
    .optional(),
});

// The schema and the analysis type must describe the same shape (same keys, parsed data usable as a
// Baseline); this fails to compile if they drift apart.
type Parsed = z.output<typeof BaselineFileSchema>;
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : never) : never;
export const BASELINE_SCHEMA_MATCHES_TYPE: SameKeys<Parsed, Baseline> & (Parsed extends Baseline ? true : never) = true;
