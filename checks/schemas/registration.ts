import { z } from 'zod';
import { REGISTER_FIELD_IDS } from '../registry/register-form.ts';
import { URL_PROBLEM_CODES } from '../registry/url-policy.ts';
import { ReasonSchema } from './status.ts';
import { SITE_ID_PATTERN } from './site.ts';

/**
 * What can be wrong with (errors) or worth saying about (notes) a registration through the issue
 * form. A closed set of codes, not sentences: the job that answers on GitHub words them itself
 * (registry/describe-registration.ts) and quotes the `values`, which may hold what the issue's author
 * typed, as inert code. So a compromised first job can still not write Markdown into the comment.
 */
export const REGISTRATION_CODES = [
  /** The body has none of the form's headings (field: null). */
  'no-form',
  'missing',
  'repeated',
  /** values: [the limit]. */
  'too-long',
  /** values: [the limit]. */
  'too-many',
  /** The URL policy's findings (registry/url-policy.ts): values, the part of the URL each is about. */
  ...URL_PROBLEM_CODES,
  /** values: [the file that has it]. */
  'url-duplicate',
  /** values: [the SSRF guard's message]. */
  'url-blocked',
  /** values: [the group written, ...the known group keys]. */
  'group-unknown',
  /** values: the handles that are not GitHub handles. */
  'handle-invalid',
  /** values: the tags that are not lowercase slugs. */
  'tag-invalid',
  /** Anything else the site file validator said; values: [its message]. */
  'site-file',
] as const;

export const RegistrationCodeSchema = z.enum(REGISTRATION_CODES);
export type RegistrationCode = z.output<typeof RegistrationCodeSchema>;

export const RegistrationMessageSchema = z.strictObject({
  /** The form field it is about; null for the whole form. */
  field: z.enum(REGISTER_FIELD_IDS).nullable(),
  code: RegistrationCodeSchema,
  values: z.array(z.string().max(2_000)).max(50).default([]),
});
export type RegistrationMessage = z.input<typeof RegistrationMessageSchema>;

/** The dry-run probe of the URL. A site that is down is registered all the same; this is a note. */
export const RegistrationProbeSchema = z.discriminatedUnion('outcome', [
  z.strictObject({
    outcome: z.literal('answered'),
    status: z.number().int().min(0).max(999),
    ms: z.number().nonnegative(),
    finalUrl: z.string().max(2_000),
  }),
  z.strictObject({
    outcome: z.literal('unreachable'),
    reason: ReasonSchema,
    code: z.string().max(200),
    message: z.string().max(2_000),
  }),
  /** The URL had errors of its own, so nothing was fetched. */
  z.strictObject({ outcome: z.literal('not-run') }),
]);
export type RegistrationProbe = z.output<typeof RegistrationProbeSchema>;

const common = {
  version: z.literal(1),
  /** The issue the form was filled in; the answering job checks it against its own event. */
  issue: z.number().int().positive(),
  notes: z.array(RegistrationMessageSchema).max(50),
  probe: RegistrationProbeSchema,
};

/**
 * `result.json`: what the `read` job of .github/workflows/register-site.yml hands to the `respond`
 * job. Written by `register-from-issue read`, parsed again by `register-from-issue respond`, which
 * trusts nothing in it and validates the site file once more.
 */
export const RegistrationResultSchema = z.discriminatedUnion('outcome', [
  z.strictObject({
    ...common,
    outcome: z.literal('rejected'),
    errors: z.array(RegistrationMessageSchema).min(1).max(50),
  }),
  z
    .strictObject({
      ...common,
      outcome: z.literal('accepted'),
      id: z.string().regex(SITE_ID_PATTERN),
      /** `data/sites/<id>.yml`, relative to the repository root. */
      path: z.string(),
      /** The site file's text. */
      content: z.string().min(1).max(20_000),
    })
    .refine((r) => r.path === `data/sites/${r.id}.yml`, { message: 'must be data/sites/<id>.yml', path: ['path'] }),
]);
export type RegistrationResult = z.output<typeof RegistrationResultSchema>;
