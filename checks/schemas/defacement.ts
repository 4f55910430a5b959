import { z } from 'zod';

/**
 * The kinds of evidence the defacement analysis reports. Closed, so incidents (issue #4) and the
 * internal site can switch on them; each signal carries its own weight and evidence.
 */
export const SIGNAL_KINDS = {
  'defacer-signature':
    'defacer wording in title, text or alt text ("hacked by", "hack bởi", "hacklendi", leet spellings, …)',
  'defacer-structure':
    'structural hints of a defacement page: black background with marquee/audio/embed, right-click blocking, Telegram handles, hot-linked image hosts',
  'gambling-spam':
    'gambling or SEO spam terms with co-occurrence, density and hiding (nhà cái, tài xỉu, slot gacor, …)',
  'hidden-links':
    'links to other domains hidden from visitors (display:none, visibility:hidden, off-screen, zero font size, tiny boxes)',
  'new-external-domain': 'a script, iframe, form, or stylesheet from a registrable domain the baseline never used',
  'offsite-redirect': 'a meta refresh, script or redirect chain sending visitors to another registrable domain',
  cloaking: 'spam, redirects or large differences only for Googlebot or visitors arriving from a Google search',
  'structure-collapse': 'the page structure no longer resembles the baseline, or a tiny page replaced a large one',
  'title-change': 'the title changed',
  'favicon-change': 'the favicon changed',
  'keyword-missing': 'a required keyword (e.g. the agency name) is missing',
  'identity-lost':
    "the page no longer names the site's agency (registry name, English name, agency, keywords) and its links to the site's own pages are gone",
  'language-change': 'the page language changed',
  'subpage-spam': 'spam or defacement on an internal page rather than the homepage',
  'visual-change': 'the screenshot differs from the baseline screenshot',
} as const;

export type SignalKind = keyof typeof SIGNAL_KINDS;
export const SignalKindSchema = z.enum(Object.keys(SIGNAL_KINDS) as [SignalKind, ...SignalKind[]]);

export const SignalSchema = z.strictObject({
  kind: SignalKindSchema,
  /** Contribution to the score, 0–100. */
  weight: z.number().min(0).max(100),
  /** One sentence a responder reads: what was found, where. */
  detail: z.string(),
  /** Short excerpts from the page (already truncated), URLs or domains that show it. Hostile text: neutralise before rendering. */
  evidence: z.array(z.string()),
  /** The page it was found on, when not the homepage. */
  url: z.string().optional(),
});

export const VerdictSchema = z.enum(['clean', 'suspected', 'defaced', 'unknown']);

/** Longest page-text excerpt kept for the internal text diff, in UTF-16 code units (each side). */
export const DEFACEMENT_EXCERPT_MAX = 4000;

/**
 * The home page's visible text at the baseline and now, for the internal site's line diff: the
 * analysis's normalised text (lowercase, single spaces, hidden and `checks.ignore_selectors` regions
 * left out) broken after sentence ends and wrapped at 100 characters (analysis/text-excerpt.ts), each
 * side cut to `DEFACEMENT_EXCERPT_MAX`. Hostile text: the site neutralises it before rendering.
 */
export const ExcerptSchema = z.strictObject({
  /** Null when the baseline was taken before baselines kept their text. */
  baseline: z.string().max(DEFACEMENT_EXCERPT_MAX).nullable(),
  current: z.string().max(DEFACEMENT_EXCERPT_MAX),
});

/** A baseline found damaged: when (the run's instant) and where the damaged file was moved. */
export const BaselineLostSchema = z.strictObject({
  at: z.iso.datetime(),
  /** The damaged copy, relative to the data dir (`baselines/<id>.json.corrupt-<stamp>`), kept for a post-mortem. */
  file: z.string().regex(/^baselines\/[a-z0-9-]+\.json\.corrupt-[0-9A-Za-z-]+$/),
});

/** `defacement` in `DIR/status/<id>.json`. */
export const DefacementSchema = z.strictObject({
  verdict: VerdictSchema,
  /**
   * Sum of signal weights, capped at 100; signals that only say the page changed (layout, title,
   * favicon, language, new domains, screenshot) count for at most 50 together, so a redesign alone is
   * never `defaced`. suspected ≥ 30, defaced ≥ 60 (see analysis/verdict.ts).
   */
  score: z.number().min(0).max(100),
  signals: z.array(SignalSchema),
  baseline: z.strictObject({ capturedAt: z.iso.datetime() }).nullable(),
  /**
   * Set when the site's baseline file was found damaged and moved aside: the next clean observation
   * became the reference without anyone looking at it, and a page already defaced then would hide its
   * defacement from every later run. Kept on every status (outages included) until a responder takes a
   * baseline on purpose (`npm run baseline -- accept <id>`); shown on the internal site and in the job
   * summary. Absent otherwise.
   */
  baselineLost: BaselineLostSchema.optional(),
  /** Baseline vs current page text; written only when the verdict is `suspected` or `defaced`, absent otherwise. */
  excerpt: ExcerptSchema.optional(),
  /**
   * What the home page's signals were computed from. A later run that fetches the same bytes, under
   * the same settings, against the same baseline version reuses them instead of modelling the page
   * again (defacement/reuse-judgement.ts); internal pages are judged afresh every run. Absent when
   * there was no page to judge, and in files written before this field existed.
   */
  analysed: z
    .strictObject({
      /** SHA-256 (hex) of the home page's body as fetched (decompressed, not yet decoded). */
      pageSha256: z.string().regex(/^[0-9a-f]{64}$/),
      /** SHA-256 (hex) of everything else the home page's signals depend on: charset, URLs, keywords, ignore_selectors. */
      contextSha256: z.string().regex(/^[0-9a-f]{64}$/),
      /** `updatedAt` of the baseline the page was judged against; null when there was none. */
      baselineUpdatedAt: z.iso.datetime().nullable(),
    })
    .optional(),
});

export type Signal = z.output<typeof SignalSchema>;
export type Verdict = z.output<typeof VerdictSchema>;
export type Excerpt = z.output<typeof ExcerptSchema>;
export type Defacement = z.output<typeof DefacementSchema>;
export type BaselineLost = z.output<typeof BaselineLostSchema>;
export type JudgementBasis = NonNullable<Defacement['analysed']>;
