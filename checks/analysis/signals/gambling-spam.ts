import type { Signal } from '../../schemas/defacement.ts';
import type { OffsiteLink } from '../page-model.ts';
import { pageTerms } from '../page-terms.ts';
import { makeSignal } from '../signal.ts';
import { findSpamTerms, tierWeight, type SpamMatch } from '../spam-terms.ts';
import type { TermMatch } from '../term-matcher.ts';
import { excerptAround } from '../text-fold.ts';
import type { SignalInput } from './signal-input.ts';

/** A news context word within this many characters of a spam term makes the term "reported", not advertised. */
const CONTEXT_RADIUS = 300;
const CTA_RADIUS = 150;
const MAX_WEIGHT = 85;

export interface SpamScore {
  readonly weight: number;
  readonly terms: readonly string[];
  readonly parts: readonly string[];
  readonly evidence: readonly string[];
}

/**
 * Gambling and SEO spam. A single betting word is news; spam is many distinct terms together,
 * dense, with calls to action, in hidden elements or in the text of links to other domains. So:
 * co-occurrence of distinct terms (strong ones count 1, ambiguous ones ½) sets the base; terms
 * next to police or court words ("triệt phá đường dây đánh bạc") count a quarter, next to match
 * reports half; terms the baseline already had count 30 %; hidden terms and spam link text count
 * in full whatever the context, because no news article hides its words or links out with them.
 */
export function gamblingSpamSignals(input: SignalInput): Signal[] {
  const score = scoreSpam(input);
  if (score.weight < 1) return [];
  const detail = `Gambling/spam terms ${score.terms
    .slice(0, 6)
    .map((t) => `"${t}"`)
    .join(', ')}: ${score.parts.join('; ')}.`;
  return [makeSignal('gambling-spam', score.weight, detail, score.evidence)];
}

/** The spam score of a page, also used for variants (cloaking) and subpages. */
export function scoreSpam({ model, baseline }: SignalInput): SpamScore {
  const known = new Set(baseline?.spamTerms ?? []);
  const newness = (term: string): number => (known.has(term) ? 0.3 : 1);
  const parts: string[] = [];
  const evidence: string[] = [];
  const terms = new Set<string>();
  let weight = 0;

  // Visible text: co-occurrence, density, calls to action, news context.
  const found = pageTerms(model);
  const visible = found.spam;
  if (visible.length > 0) {
    const distinct = distinctWeight(visible, newness);
    let w = distinct < 2 ? 0 : distinct < 3 ? 10 : distinct < 5 ? 20 : distinct < 8 ? 35 : 50;
    const density = (visible.length / Math.max(1, found.wordCount)) * 1000;
    if (visible.length >= 5 && density >= 8) w += 10;
    const ctas = nearbyDistinct(visible, found.callsToAction, CTA_RADIUS);
    // Calls to action next to the terms are what adverts have and articles do not.
    if (ctas.size >= 2) w += distinct >= 5 ? 25 : distinct >= 1 ? 15 : 0;
    const law = share(visible, found.law);
    const sports = share(visible, found.sports);
    let context = '';
    if (law >= 0.6) {
      w *= 0.25;
      context = ', next to police/court wording';
    } else if (sports >= 0.6) {
      w *= 0.5;
      context = ', next to sports wording';
    }
    if (w >= 1) {
      weight += w;
      parts.push(
        `${distinctCount(visible)} distinct terms in the visible text (${visible.length} occurrences` +
          `${
            ctas.size > 0
              ? `, calls to action ${[...ctas]
                  .slice(0, 3)
                  .map((c) => `"${c}"`)
                  .join(', ')}`
              : ''
          }${context})`,
      );
      for (const m of firstPerTerm(visible).slice(0, 3)) evidence.push(excerptAround(model.text, m.index, m.end));
    }
    for (const m of visible) terms.add(m.term);
  }

  // Title: the first thing a search engine shows.
  const inTitle = findSpamTerms(model.title);
  if (inTitle.length > 0) {
    const distinct = distinctWeight(inTitle, newness);
    const strong = inTitle.some((m) => (m.tier === 'strong' || m.tier === 'brand') && !known.has(m.term));
    const w = distinct >= 2 ? 25 : strong ? 10 : 0;
    if (w > 0) {
      weight += w;
      parts.push('in the title');
      evidence.unshift(`title: ${model.title}`);
    }
    for (const m of inTitle) terms.add(m.term);
  }

  // Hidden text: nobody hides a news article.
  const hidden = findSpamTerms(model.hiddenText);
  if (hidden.length > 0) {
    const distinct = distinctWeight(hidden, newness);
    const w = distinct < 1 ? distinct * 10 : Math.min(45, 20 + 10 * (distinct - 1));
    weight += w;
    parts.push(`${distinctCount(hidden)} distinct terms in hidden elements`);
    for (const m of firstPerTerm(hidden).slice(0, 2))
      evidence.push(`hidden: ${excerptAround(model.hiddenText, m.index, m.end)}`);
    for (const m of hidden) terms.add(m.term);
  }

  // Links to other domains whose text (or domain name) is spam: one word index over all of them.
  const spamDomains = new Set<string>();
  let hiddenSpamLinks = 0;
  for (const { link, found } of spamPerLink(model.offsiteLinks)) {
    const strongish = found.some((m) => m.tier !== 'medium' && !known.has(m.term));
    if (!strongish && distinctCount(found) < 2) continue;
    if (!spamDomains.has(link.domain)) evidence.push(`link to ${link.domain}: ${link.text}`);
    spamDomains.add(link.domain);
    if (link.hidden) hiddenSpamLinks++;
    for (const m of found) terms.add(m.term);
  }
  if (spamDomains.size > 0) {
    weight += Math.min(40, 15 + 8 * (spamDomains.size - 1)) + (hiddenSpamLinks > 0 ? 10 : 0);
    parts.push(
      `${spamDomains.size} other domain(s) linked with spam text${hiddenSpamLinks > 0 ? ', some hidden' : ''}`,
    );
  }

  // Image alt text (spam banners).
  const inAlt = findSpamTerms(model.altText);
  if (distinctWeight(inAlt, newness) >= 2) {
    weight += 10;
    parts.push('in image alt text');
    for (const m of inAlt) terms.add(m.term);
  }

  return { weight: Math.min(MAX_WEIGHT, weight), terms: [...terms], parts, evidence };
}

/**
 * Spam terms per link (its text, and its domain name read as words: "fb88vn.com" → "fb88vn"),
 * from one word index over all links joined; matches that straddle two links are dropped.
 */
function spamPerLink(links: readonly OffsiteLink[]): { link: OffsiteLink; found: SpamMatch[] }[] {
  if (links.length === 0) return [];
  const offsets: number[] = [];
  let joined = '';
  for (const link of links) {
    offsets.push(joined.length);
    joined += `${link.text} ${link.domain.replace(/\.[^.]+$/, '').replace(/[.-]/g, ' ')}\n`;
  }
  offsets.push(joined.length);
  const byLink = new Map<number, SpamMatch[]>();
  let li = 0;
  for (const m of findSpamTerms(joined)) {
    while (offsets[li + 1]! <= m.index) li++;
    if (m.end > offsets[li + 1]!) continue;
    const list = byLink.get(li) ?? [];
    list.push(m);
    byLink.set(li, list);
  }
  return [...byLink].map(([i, found]) => ({ link: links[i]!, found }));
}

function distinctWeight(matches: readonly SpamMatch[], newness: (term: string) => number): number {
  const best = new Map<string, number>();
  for (const m of matches) best.set(m.term, Math.max(best.get(m.term) ?? 0, tierWeight(m.tier) * newness(m.term)));
  let sum = 0;
  for (const w of best.values()) sum += w;
  return sum;
}

function distinctCount(matches: readonly SpamMatch[]): number {
  return new Set(matches.map((m) => m.term)).size;
}

function firstPerTerm(matches: readonly SpamMatch[]): SpamMatch[] {
  const seen = new Set<string>();
  return matches.filter((m) => {
    if (seen.has(m.term)) return false;
    seen.add(m.term);
    return true;
  });
}

/** Share of spam matches with a context word within `CONTEXT_RADIUS` characters. */
function share(matches: readonly SpamMatch[], context: readonly TermMatch[]): number {
  if (context.length === 0 || matches.length === 0) return 0;
  let near = 0;
  for (const m of matches) if (context.some((c) => Math.abs(c.index - m.index) <= CONTEXT_RADIUS)) near++;
  return near / matches.length;
}

function nearbyDistinct(matches: readonly SpamMatch[], ctas: readonly TermMatch[], radius: number): Set<string> {
  const out = new Set<string>();
  for (const c of ctas) if (matches.some((m) => Math.abs(c.index - m.index) <= radius)) out.add(c.term);
  return out;
}
