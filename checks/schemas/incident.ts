import { z } from 'zod';
import { SignalSchema } from './defacement.ts';

/**
 * Incidents (issue #4). A site has up to three independent tracks, each with at most one open
 * incident: `availability` (degraded, down; kind `dns` when the name does not resolve),
 * `defacement` (suspected, defaced) and `tls` (a certificate expiring soon, or invalid). A track's
 * level can rise or fall while its incident stays open: suspected → defaced is an escalation on the
 * same issue, never a second one.
 */
export const TRACKS = ['availability', 'defacement', 'tls'] as const;
export const TrackSchema = z.enum(TRACKS);
export type Track = z.output<typeof TrackSchema>;

/**
 * Label `kind:<kind>` on the issue: what failed, as responders filter it. `monitor` is an incident
 * about Canh Gác itself (ticks coming late), never on a site: see checks/monitor/.
 */
export const KINDS = ['down', 'degraded', 'dns', 'defaced', 'suspected', 'tls', 'monitor'] as const;
export const KindSchema = z.enum(KINDS);
export type Kind = z.output<typeof KindSchema>;

/** Label `severity:<severity>`; `impact` in the Statuspage-compatible JSON follows from it. */
export const SeveritySchema = z.enum(['critical', 'major', 'minor', 'warning']);
export type Severity = z.output<typeof SeveritySchema>;

/**
 * What citizens are told failed. Suspected defacement and a certificate that merely expires soon are
 * not public (null): unconfirmed suspicion must not alarm anyone, and a warning is the operator's.
 */
export const PublicKindSchema = z.enum(['outage', 'degraded', 'security', 'certificate']);
export type PublicKind = z.output<typeof PublicKindSchema>;

export const IncidentStateSchema = z.enum(['open', 'resolved', 'false-positive']);

const instant = z.iso.datetime();

/** An update citizens may read (opened, escalated, recovered), in both languages. */
export const PublicUpdateSchema = z.strictObject({
  at: instant,
  state: IncidentStateSchema,
  vi: z.string(),
  en: z.string(),
});

/**
 * `DIR/incidents/public/<incident-id>.json`: everything the public site may show, and nothing else.
 * Its texts are made by Canh Gác from config (site name, agency), never from page content.
 */
export const PublicIncidentSchema = z.strictObject({
  id: z.string(),
  siteId: z.string(),
  /** Null while nothing about it is public (suspected, TLS warning); the public site skips it. */
  publicKind: PublicKindSchema.nullable(),
  titleVi: z.string(),
  titleEn: z.string(),
  severity: SeveritySchema,
  state: IncidentStateSchema,
  startedAt: instant,
  resolvedAt: instant.nullable(),
  updates: z.array(PublicUpdateSchema),
});

/** The issue that is the incident, wherever it lives. */
export const IssueRefSchema = z.strictObject({
  backend: z.enum(['github', 'local']),
  /** `owner/name` for github; the data dir's local store for local. */
  repository: z.string(),
  number: z.number().int().positive(),
  url: z.string(),
});

/**
 * `DIR/incidents/internal/<incident-id>.json`: what responders need (never read by the public build).
 * Signals and errors come from monitored pages: hostile text, neutralised when rendered.
 */
export const InternalIncidentSchema = z.strictObject({
  id: z.string(),
  siteId: z.string(),
  track: TrackSchema,
  kind: KindSchema,
  issue: IssueRefSchema.nullable(),
  responders: z.array(z.string()),
  /** The latest evidence: status reason and error, signals, timings, redirect chain. */
  reason: z.string().nullable(),
  error: z.string().nullable(),
  signals: z.array(SignalSchema),
  redirects: z.array(z.string()),
  timingsMs: z.record(z.string(), z.number().nullable()),
  acknowledged: z.boolean(),
  /** Everything that happened to it, newest last (opened, escalated, comment, resolved, …). */
  log: z.array(z.strictObject({ at: instant, event: z.string(), detail: z.string() })),
});

/**
 * The levels of each track, mildest first: an incident is open at the worst level whose threshold
 * of consecutive runs was reached.
 */
export const LEVELS = {
  availability: ['degraded', 'down'],
  defacement: ['suspected', 'defaced'],
  tls: ['expiring', 'invalid'],
} as const satisfies Record<Track, readonly string[]>;
export type Level = (typeof LEVELS)[Track][number];
export const LevelSchema = z.enum(['degraded', 'down', 'suspected', 'defaced', 'expiring', 'invalid']);

/** A finding a responder called a false positive: the same finding no longer counts for the track. */
export const SuppressionSchema = z.strictObject({
  /** `reason:<reason>` for availability and tls, `signal:<kind>:<url or "home">` for defacement. */
  fingerprint: z.string(),
  since: instant,
  /** Issue where it was decided. */
  issue: z.number().int().positive().nullable(),
  /** Consecutive runs without this finding; the suppression ends once the finding is gone for good. */
  absentRuns: z.number().int().nonnegative(),
});

export const OpenIncidentSchema = z.strictObject({
  id: z.string(),
  level: LevelSchema,
  kind: KindSchema,
  severity: SeveritySchema,
  startedAt: instant,
  /** Issue number once known; null when creating it was interrupted (found again by its marker). */
  issue: z.number().int().positive().nullable(),
  /** Finding fingerprints already told on the issue, so only new ones are commented. */
  reported: z.array(z.string()),
  acknowledged: z.boolean(),
  /** A responder closed the issue while the site still failed: when, and failing runs since. */
  closedByResponder: z.strictObject({ at: instant, failingRuns: z.number().int().nonnegative() }).nullable(),
});

/** One track's memory between runs. */
export const TrackStateSchema = z.strictObject({
  /** Consecutive runs, ending with the last one, at each level or worse (saturating). */
  failingRuns: z.partialRecord(LevelSchema, z.number().int().nonnegative()),
  /** Consecutive healthy runs (saturating). */
  goodRuns: z.number().int().nonnegative(),
  /** When the current streak of failing runs began: an incident's start, before its threshold was met. */
  failingSince: instant.nullable().default(null),
  open: OpenIncidentSchema.nullable(),
  suppressions: z.array(SuppressionSchema),
});

/** `DIR/incidents/tracks/<site-id>.json`: the incident memory of one site. */
export const SiteTracksSchema = z.strictObject({
  siteId: z.string(),
  tracks: z.record(TrackSchema, TrackStateSchema),
});

export type PublicIncident = z.output<typeof PublicIncidentSchema>;
export type InternalIncident = z.output<typeof InternalIncidentSchema>;
export type IssueRef = z.output<typeof IssueRefSchema>;
export type TrackState = z.output<typeof TrackStateSchema>;
export type SiteTracks = z.output<typeof SiteTracksSchema>;
export type Suppression = z.output<typeof SuppressionSchema>;
export type OpenIncident = z.output<typeof OpenIncidentSchema>;
export type PublicUpdate = z.output<typeof PublicUpdateSchema>;
