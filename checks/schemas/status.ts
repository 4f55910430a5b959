import { z } from 'zod';
import { DefacementSchema } from './defacement.ts';

/**
 * Why a check did not come out `up`. A closed set so that thresholds, incident kinds and the site can
 * switch on it; the raw error code from Node/undici is kept next to it in `error.code`.
 */
export const REASONS = {
  dns: 'the name did not resolve (NXDOMAIN, SERVFAIL, no address)',
  'dns-timeout': 'the DNS servers did not answer in time',
  'blocked-address': 'the name resolves to a loopback, private, link-local or other special address (SSRF guard)',
  'connect-refused': 'the server refused the TCP connection',
  'connect-timeout': 'the TCP connection did not open in time',
  'connect-reset': 'the connection was reset or closed before a response',
  'connect-unreachable': 'no route to the host or network',
  'tls-expired': 'the certificate has expired or is not yet valid',
  'tls-untrusted': 'the certificate is self-signed or not from a trusted authority',
  'tls-hostname': 'the certificate does not cover the host name',
  tls: 'the TLS handshake failed for another reason',
  timeout: 'the response did not arrive in time (headers or total)',
  'http-status': 'the final HTTP status is not the expected one',
  'too-large': 'the body exceeded the size cap (decompressed size included)',
  'redirect-loop': 'a redirect led back to a URL already visited',
  'too-many-redirects': 'more redirects than allowed',
  'redirect-invalid': 'a redirect pointed to an invalid or non-HTTP(S) URL',
  'redirect-offsite': 'the redirect chain ends on another registrable domain',
  'bad-response': 'the server sent something that is not valid HTTP or a body that could not be decoded',
  slow: 'the response was slower than the degraded threshold',
  internal: 'the check itself failed (a bug in Canh Gác, not the site); error.message says where',
} as const;

export type Reason = keyof typeof REASONS;
export const ReasonSchema = z.enum(Object.keys(REASONS) as [Reason, ...Reason[]]);

export const StateSchema = z.enum(['up', 'degraded', 'down']);
export type State = z.output<typeof StateSchema>;

const ms = z.number().nonnegative();

export const TimingsSchema = z.strictObject({
  dns: ms.nullable(),
  connect: ms.nullable(),
  tls: ms.nullable(),
  ttfb: ms.nullable(),
  total: ms,
});

export const RedirectHopSchema = z.strictObject({ url: z.string(), status: z.number().int() });

export const HttpResultSchema = z.strictObject({
  status: z.number().int(),
  finalUrl: z.string(),
  redirects: z.array(RedirectHopSchema),
  timings: TimingsSchema,
  /** A few response headers worth keeping (server, content-type, ...), lower-case names. */
  headers: z.record(z.string(), z.string()),
  /** Decoded body size in bytes and the charset it was decoded with. */
  bytes: z.number().int().nonnegative(),
  charset: z.string().nullable(),
});

export const TlsResultSchema = z.strictObject({
  subject: z.string().nullable(),
  sans: z.array(z.string()),
  issuer: z.string().nullable(),
  validFrom: z.iso.datetime(),
  validTo: z.iso.datetime(),
  daysLeft: z.number(),
  /** SHA-256 of the leaf certificate, so a change of certificate can be noticed. */
  fingerprint: z.string(),
  protocol: z.string().nullable(),
  /** Why the chain or host name was rejected, or null when it was accepted. */
  error: z.string().nullable(),
});

export const DnsResultSchema = z.strictObject({
  addresses: z.array(z.string()),
  cname: z.array(z.string()),
  ms: ms,
  /** Raw resolver error code when resolution failed (ENOTFOUND, ESERVFAIL, ETIMEOUT, ...). */
  error: z.string().nullable(),
});

export const ErrorDetailSchema = z.strictObject({
  code: z.string(),
  message: z.string(),
  /** The redirects followed before the failure (a loop, a refused hop), when there were any. */
  redirects: z.array(RedirectHopSchema).optional(),
});

/** `DIR/status/<id>.json`: the latest result for one site. Written by checks, read by the site. */
export const StatusFileSchema = z.strictObject({
  id: z.string(),
  checkedAt: z.iso.datetime(),
  state: StateSchema,
  reason: ReasonSchema.nullable(),
  /** The raw error behind `reason`, when there was one. */
  error: ErrorDetailSchema.nullable(),
  /** 1, or 2 when the first attempt failed and the site was tested again in the same run. */
  attempts: z.number().int().min(1),
  /** The first attempt's reason when a re-test happened, for false-alarm analysis. */
  firstReason: ReasonSchema.nullable(),
  url: z.string(),
  http: HttpResultSchema.nullable(),
  tls: TlsResultSchema.nullable(),
  dns: DnsResultSchema.nullable(),
  /** The defacement verdict (null when detection is off or the page could not be fetched). */
  defacement: DefacementSchema.nullable(),
});

export type StatusFile = z.output<typeof StatusFileSchema>;
export type HttpResult = z.output<typeof HttpResultSchema>;
export type TlsResult = z.output<typeof TlsResultSchema>;
export type DnsResult = z.output<typeof DnsResultSchema>;
export type Timings = z.output<typeof TimingsSchema>;
export type ErrorDetail = z.output<typeof ErrorDetailSchema>;
