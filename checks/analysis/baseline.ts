import { findSignatures } from './defacer-terms.ts';
import { learnIdentity, type LearnedIdentity } from './identity.ts';
import type { HintKind } from './page-hints.ts';
import {
  byDomainKind,
  STRUCTURE_SKETCH_SIZE,
  TEXT_SKETCH_SIZE,
  type DomainsByKind,
  type MetaRefresh,
  type PageModel,
} from './page-model.ts';
import { pageTerms } from './page-terms.ts';
import { domainOfUrl } from './registrable-domain.ts';
import { findSpamTerms } from './spam-terms.ts';
import { textExcerpt } from './text-excerpt.ts';

/**
 * A sketch that remembers in how many observations each hash was seen: stable parts of a page
 * (the layout) are seen every time, volatile parts (a rotating news list, a view counter) now and
 * then. Bottom-k of the union of all observations, so it stays small however long it runs.
 */
export interface CountedSketch {
  /** Sorted unique unsigned 32-bit hashes. */
  readonly hashes: readonly number[];
  /** Observations (in the current window) each hash was seen in; parallel to `hashes`. */
  readonly seen: readonly number[];
  /** True when the union had more than the sketch size, so nothing is known above the last hash. */
  readonly capped: boolean;
}

/**
 * What a page normally looks like, learned from clean observations: a model, not a hash, so a
 * changed view counter or a new headline stays clean while a replaced page does not. Plain JSON;
 * committed to git with the status data (≈ 10 KB for a portal home page).
 */
export interface Baseline {
  readonly version: 1;
  readonly capturedAt: string;
  readonly updatedAt: string;
  /** Observations in the current learning window (halved when it reaches `WINDOW`). */
  readonly observations: number;
  /** All clean observations ever folded in. */
  readonly totalObservations: number;
  /** Registrable domain the page was served from (after redirects). */
  readonly domain: string;
  readonly title: string;
  /** Recent distinct titles (most recent first): pages that put the date or a headline in the title. */
  readonly titles: readonly string[];
  readonly lang: string;
  /** Visible text lengths of recent observations (most recent first). */
  readonly textLengths: readonly number[];
  readonly structure: CountedSketch;
  readonly text: CountedSketch;
  /** External registrable domains ever used, per element kind. */
  readonly domains: DomainsByKind;
  readonly favicon: string | null;
  readonly metaRefresh: MetaRefresh | null;
  readonly canonical: string | null;
  /** Registrable domains the page's own scripts or meta refresh already sent visitors to. */
  readonly redirectDomains: readonly string[];
  /** Spam terms an accepted page already contained (a sports page, police news): known, not new. */
  readonly spamTerms: readonly string[];
  /** Defacer-ish words an accepted page already contained (news about attacks). */
  readonly signatureTerms: readonly string[];
  readonly hints: readonly HintKind[];
  readonly hiddenLinkDomains: readonly string[];
  /** The page's text as lines (text-excerpt.ts), for the internal site's diff; absent in older baselines. */
  readonly excerpt?: string;
  /** The site's names the page carried, where, and its own links (identity.ts); absent when the site has no names or in older baselines. */
  readonly identity?: LearnedIdentity;
}

/** Learning window: counts are halved when this many observations accumulate, so old layouts fade. */
export const WINDOW = 32;
/** A hash is part of the stable layout when seen in at least this share of the window's observations. */
export const STABLE_SHARE = 0.5;
const MAX_TITLES = 6;
const MAX_LENGTHS = 8;
const MAX_DOMAINS = 64;
const MAX_TERMS = 64;

/**
 * Trust on first use: the first clean observation becomes the baseline. `names`: the registry's
 * names for the site (identity.ts `identityNames`), of which the baseline learns those the page carries.
 */
export function createBaseline(model: PageModel, now: Date, names: readonly string[] = []): Baseline {
  const at = now.toISOString();
  const identity = learnIdentity(undefined, model, names);
  return {
    version: 1,
    capturedAt: at,
    updatedAt: at,
    observations: 1,
    totalObservations: 1,
    domain: model.domain,
    title: model.title,
    titles: [model.title],
    lang: model.lang,
    textLengths: [model.textLength],
    structure: firstSketch(model.structure, model.structureTotal > model.structure.length),
    text: firstSketch(model.textSketch, model.textShingleTotal > model.textSketch.length),
    domains: byDomainKind((k) => model.domains[k].slice(0, MAX_DOMAINS)),
    favicon: model.favicon,
    metaRefresh: model.metaRefresh,
    canonical: model.canonical,
    redirectDomains: redirectDomainsOf(model),
    spamTerms: spamTermsOf(model),
    signatureTerms: signatureTermsOf(model),
    hints: model.hints.map((h) => h.kind),
    hiddenLinkDomains: unique(model.hiddenLinks.map((l) => l.domain)).slice(0, MAX_DOMAINS),
    excerpt: textExcerpt(model.text),
    ...(identity ? { identity } : {}),
  };
}

/**
 * Folds a clean observation into the baseline: counts which structure and text shingles were seen
 * again, adds domains, titles, terms and hints it used. Call it only for observations the analysis
 * called clean; a suspicious page must never teach the baseline.
 */
export function updateBaseline(
  baseline: Baseline,
  model: PageModel,
  now: Date,
  names: readonly string[] = [],
): Baseline {
  const identity = learnIdentity(baseline.identity, model, names);
  let observations = baseline.observations + 1;
  let structure = mergeSketch(
    baseline.structure,
    model.structure,
    model.structureTotal > model.structure.length,
    STRUCTURE_SKETCH_SIZE,
  );
  let text = mergeSketch(
    baseline.text,
    model.textSketch,
    model.textShingleTotal > model.textSketch.length,
    TEXT_SKETCH_SIZE,
  );
  if (observations >= WINDOW) {
    observations = Math.floor(observations / 2);
    structure = halve(structure);
    text = halve(text);
  }
  const domains = byDomainKind((k) =>
    unique([...baseline.domains[k], ...model.domains[k]])
      .slice(0, MAX_DOMAINS)
      .sort(),
  );
  return {
    version: 1,
    capturedAt: baseline.capturedAt,
    updatedAt: now.toISOString(),
    observations,
    totalObservations: baseline.totalObservations + 1,
    domain: model.domain,
    title: model.title,
    titles: unique([model.title, ...baseline.titles]).slice(0, MAX_TITLES),
    lang: model.lang,
    textLengths: [model.textLength, ...baseline.textLengths].slice(0, MAX_LENGTHS),
    structure,
    text,
    domains,
    favicon: model.favicon,
    metaRefresh: model.metaRefresh,
    canonical: model.canonical,
    redirectDomains: unique([...redirectDomainsOf(model), ...baseline.redirectDomains]).slice(0, MAX_DOMAINS),
    spamTerms: unique([...baseline.spamTerms, ...spamTermsOf(model)]).slice(0, MAX_TERMS),
    signatureTerms: unique([...baseline.signatureTerms, ...signatureTermsOf(model)]).slice(0, MAX_TERMS),
    hints: unique([...baseline.hints, ...model.hints.map((h) => h.kind)]),
    hiddenLinkDomains: unique([...baseline.hiddenLinkDomains, ...model.hiddenLinks.map((l) => l.domain)]).slice(
      0,
      MAX_DOMAINS,
    ),
    // The latest clean text: what "normal" reads like now, for the diff against a suspicious page.
    excerpt: textExcerpt(model.text),
    ...(identity ? { identity } : {}),
  };
}

/** Hashes seen in at least half the window's observations: the layout that should still be there. */
export function stableHashes(sketch: CountedSketch, observations: number): number[] {
  const need = Math.max(1, Math.ceil(observations * STABLE_SHARE));
  const out: number[] = [];
  for (let i = 0; i < sketch.hashes.length; i++) if (sketch.seen[i]! >= need) out.push(sketch.hashes[i]!);
  return out;
}

/** Median of the recent visible text lengths. */
export function typicalTextLength(baseline: Baseline): number {
  const sorted = [...baseline.textLengths].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)]!;
}

function firstSketch(hashes: readonly number[], capped: boolean): CountedSketch {
  return { hashes: [...hashes], seen: hashes.map(() => 1), capped };
}

/**
 * Bottom-k union with counts. A hash above the new sketch's last value is of unknown presence when
 * the new sketch is capped; it is counted as seen, so the cap never makes the layout look volatile.
 */
function mergeSketch(old: CountedSketch, next: readonly number[], nextCapped: boolean, k: number): CountedSketch {
  const nextLimit = nextCapped && next.length > 0 ? next[next.length - 1]! : Infinity;
  // A capped baseline knows nothing above its last hash; new hashes there would look volatile.
  const oldLimit = old.capped && old.hashes.length > 0 ? old.hashes[old.hashes.length - 1]! : Infinity;
  const hashes: number[] = [];
  const seen: number[] = [];
  let i = 0;
  let j = 0;
  while ((i < old.hashes.length || j < next.length) && hashes.length < k) {
    const a = i < old.hashes.length ? old.hashes[i]! : Infinity;
    const b = j < next.length ? next[j]! : Infinity;
    if (a === b) {
      hashes.push(a);
      seen.push(old.seen[i]! + 1);
      i++;
      j++;
    } else if (a < b) {
      hashes.push(a);
      seen.push(old.seen[i]! + (a > nextLimit ? 1 : 0));
      i++;
    } else {
      if (b <= oldLimit) {
        hashes.push(b);
        seen.push(1);
      }
      j++;
    }
  }
  const capped = old.capped || nextCapped || i < old.hashes.length || next.slice(j).some((h) => h <= oldLimit);
  return { hashes, seen, capped };
}

function halve(sketch: CountedSketch): CountedSketch {
  const hashes: number[] = [];
  const seen: number[] = [];
  for (let i = 0; i < sketch.hashes.length; i++) {
    const s = Math.floor(sketch.seen[i]! / 2);
    if (s > 0) {
      hashes.push(sketch.hashes[i]!);
      seen.push(s);
    }
  }
  return { hashes, seen, capped: sketch.capped };
}

function redirectDomainsOf(model: PageModel): string[] {
  const targets = [...model.scriptRedirects, ...(model.metaRefresh?.url ? [model.metaRefresh.url] : [])];
  return unique(targets.map((t) => domainOfUrl(t)).filter((d): d is string => d !== null && d !== model.domain));
}

function spamTermsOf(model: PageModel): string[] {
  const small = `${model.title}\n${model.hiddenText}\n${model.altText}`;
  return unique([...pageTerms(model).spam, ...findSpamTerms(small)].map((m) => m.term)).slice(0, MAX_TERMS);
}

function signatureTermsOf(model: PageModel): string[] {
  const small = `${model.title}\n${model.altText}`;
  return unique([...pageTerms(model).signatures, ...findSignatures(small)].map((m) => m.term)).slice(0, MAX_TERMS);
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
