import { z } from 'zod';
import { githubHandle } from './config.ts';

/** A site id is its file name: a lowercase ASCII slug, so it is safe in paths, labels and URLs. */
export const SITE_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** Vietnamese text is stored NFC so that "Hoà" typed on two keyboards compares equal. */
const text = z
  .string()
  .trim()
  .min(1)
  .transform((s) => s.normalize('NFC'));

const isoInstant = z.iso.datetime({ offset: true });

export const ContactSchema = z.strictObject({
  name: text,
  role: text.optional(),
  email: z.email().optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9 ().-]{6,20}$/, 'must be a phone number such as "+84 24 1234 5678"')
    .optional(),
});

export const MaintenanceWindowSchema = z
  .strictObject({
    start: isoInstant,
    end: isoInstant,
    note: text.optional(),
  })
  .refine((w) => Date.parse(w.end) > Date.parse(w.start), { message: 'end must be after start', path: ['end'] });

/** Per-site tuning of what a healthy response looks like (defacement checks use the rest in issue #3). */
export const SiteChecksSchema = z.strictObject({
  /** Accepted final HTTP status codes; default any 2xx. */
  expected_status: z
    .union([z.number().int().min(100).max(599), z.array(z.number().int().min(100).max(599)).min(1)])
    .optional(),
  /** Text that must appear on the page, e.g. the agency's name. */
  keywords: z.array(text).default([]),
  /** Extra paths on the same site to watch, e.g. "/tin-tuc". */
  pages: z.array(z.string().regex(/^\/[^\s]*$/, 'must be a path starting with "/"')).default([]),
  /** CSS selectors of regions that change on their own (clocks, tickers) and must be ignored. */
  ignore_selectors: z.array(z.string().min(1)).default([]),
  /** Whether screenshots are compared. */
  visual: z.boolean().default(true),
});

/** `data/sites/<id>.yml`: one file per monitored portal, added by an agency's pull request. */
export const SiteFileSchema = z.strictObject({
  name: text,
  name_en: text.optional(),
  agency: text,
  /** A key of `groups` in config.yml. */
  group: z.string().regex(/^[a-z0-9-]+$/, 'must be a group key such as "province"'),
  url: z.string().min(1),
  /** GitHub handles assigned to incidents; public. */
  responders: z.array(githubHandle).default([]),
  /** People to call; internal only, never on the public site. */
  contacts: z.array(ContactSchema).default([]),
  tags: z.array(z.string().regex(/^[a-z0-9-]+$/, 'must be a lowercase tag such as "cong-thong-tin"')).default([]),
  checks: SiteChecksSchema.default(SiteChecksSchema.parse({})),
  maintenance: z.array(MaintenanceWindowSchema).default([]),
});

export type SiteFile = z.output<typeof SiteFileSchema>;
/** A validated site: its file plus the id taken from the file name and the file it came from. */
export type Site = SiteFile & { readonly id: string; readonly file: string };
