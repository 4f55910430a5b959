import { hidingSelectors, parseSimpleSelector, type SimpleSelector } from './css-hiding.ts';
import type { HintKind } from './page-hints.ts';
import { collectInlineStyles } from './page-model/element-hiding.ts';
import { PageReader, WANTED_ATTRIBUTES } from './page-model/page-reader.ts';
import { capText, MAX_MODEL_SIDE_TEXT, MAX_MODEL_TEXT, MAX_SKETCHED_TEXT } from './page-model/text-cap.ts';
import { domainOfUrl } from './registrable-domain.ts';
import { streamTags } from './tag-stream.ts';
import { WordIndex } from './term-matcher.ts';
import { normaliseText } from './text-fold.ts';
import { shinglesOfWords } from './text-shingles.ts';
import type { DomainsByKind } from './page-model/domain-kinds.ts';

export {
  byDomainKind,
  DOMAIN_KINDS,
  type DomainKind,
  type DomainsByKind,
} from './page-model/domain-kinds.ts';

export interface MetaRefresh {
  readonly delay: number;
  /** Absolute target, or null when the refresh reloads the same page. */
  readonly url: string | null;
}

export interface HiddenLink {
  readonly href: string;
  readonly domain: string;
  /** Normalised link text (or its img alt), truncated. */
  readonly text: string;
  /** How it is hidden, e.g. "display:none" or "class .x: off-screen". */
  readonly reason: string;
}

export interface OffsiteLink {
  readonly domain: string;
  readonly text: string;
  readonly hidden: boolean;
}

/** An iframe/embed/object from another registrable domain. */
export interface ExternalFrame {
  readonly domain: string;
  readonly src: string;
  /** Hidden by style or sized 0–2 px: the shape of injected tracking/redirect frames. */
  readonly hidden: boolean;
}

export interface PageHint {
  readonly kind: HintKind;
  readonly evidence: string;
}

/**
 * What the defacement analysis knows about one HTML page: everything JSON-serialisable, no DOM.
 * Built once per fetch by `extractPageModel`; the baseline and every signal read only this.
 */
export interface PageModel {
  /** The URL the HTML came from (after redirects); relative references resolve against it. */
  readonly url: string;
  /** Registrable domain of `url` ("" when the URL has no host). */
  readonly domain: string;
  readonly htmlLength: number;
  readonly elementCount: number;
  /** Normalised <title> text. */
  readonly title: string;
  /** `<html lang>`, lowercased ("" when absent). */
  readonly lang: string;
  /**
   * Visible text, normalised: NFC, lowercase, single spaces; no script/style/noscript/template, no hidden
   * elements. Past `MAX_MODEL_TEXT` characters only its head and tail are kept (page-model/text-cap.ts).
   */
  readonly text: string;
  /** Length of the whole visible text, before any cut. */
  readonly textLength: number;
  /** Text inside elements hidden by inline style or an inline stylesheet class/id. */
  readonly hiddenText: string;
  /** img alt texts, normalised, joined by " | ". */
  readonly altText: string;
  /** Visible text of headings and banners (h1–h6, marquee), normalised, one entry each joined by " | " (page-model/zone-text.ts). */
  readonly headings: string;
  /**
   * Visible text of links, one entry each joined by " | ": where news lists' headlines stand. Raw, not
   * normalised: it is read only when defacer wording is on the page, and signature-context.ts
   * normalises it then, instead of every page paying for its 10–60 K characters.
   */
  readonly linkText: string;
  /** Links to the site's own pages (relative, or on its own registrable domain): a portal has dozens, a defacement none. */
  readonly ownLinks: number;
  /** Bottom-k sketch of tag-path 4-shingles (sorted unique unsigned 32-bit hashes). */
  readonly structure: readonly number[];
  /** Number of distinct structure shingles before the sketch cap. */
  readonly structureTotal: number;
  /**
   * Bottom-k sketch of word 3-shingles (diacritics-folded words) of the visible text: the whole of it
   * up to `MAX_SKETCHED_TEXT`, its head and tail past that (page-model/text-cap.ts).
   */
  readonly textSketch: readonly number[];
  readonly textShingleTotal: number;
  /** External registrable domains (not the page's own) per element kind, sorted, capped. */
  readonly domains: DomainsByKind;
  readonly favicon: string | null;
  readonly metaRefresh: MetaRefresh | null;
  readonly canonical: string | null;
  /** Literal URLs inline scripts send the browser to (location.href = "…", location.replace("…"), …), absolute. */
  readonly scriptRedirects: readonly string[];
  /** Excerpts of inline script text with strong defacer wording ("hacked by" typed out by an effect), normalised. */
  readonly scriptSignatures: readonly string[];
  readonly hiddenLinks: readonly HiddenLink[];
  readonly frames: readonly ExternalFrame[];
  /** Links to other registrable domains with their text (capped), for spam anchor text. */
  readonly offsiteLinks: readonly OffsiteLink[];
  /** Structural hints typical of defacement pages, one per kind, with the first evidence. */
  readonly hints: readonly PageHint[];
}

export interface ExtractOptions {
  /** Simple selectors (tag, .class, #id, tag.class, tag#id) whose subtrees are dropped from text and structure. */
  readonly ignoreSelectors?: readonly string[];
}

/** Sketch sizes: they bound the baseline's size (≈ 11 bytes of JSON per number). */
export const STRUCTURE_SKETCH_SIZE = 512;
export const TEXT_SKETCH_SIZE = 256;

/**
 * Receives the word index extraction built from the model's text (the text sketch hashes its words).
 * Term matching (`pageTerms`, through `pageWords`) reads the same index: pass page-words.ts's
 * `rememberPageWords` when the model's terms will be matched in this thread, and it is not built a
 * second time (0.27 ms per 200 KB page, 4–6 % of extract + term matching, measured). Extraction keeps nothing.
 */
export type KeepWords = (model: PageModel, words: WordIndex) => void;

/**
 * Builds the page model from htmlparser2's tokenizer (no DOM, see tag-stream.ts): one pass for
 * text, structure shingles, links and hints (page-model/page-reader.ts), after an indexOf pre-pass
 * over inline <style> blocks so that class/id hiding rules are known before the elements they hide.
 * Never throws on hostile HTML; never runs or fetches anything it reads. Relative references
 * resolve against `pageUrl` (a `<base href>` is ignored). Pure, unless `keepWords` says where the
 * word index goes.
 */
export function extractPageModel(
  html: string,
  pageUrl: string,
  options: ExtractOptions = {},
  keepWords?: KeepWords,
): PageModel {
  const pageDomain = domainOfUrl(pageUrl) ?? '';
  const ignore = (options.ignoreSelectors ?? [])
    .map(parseSimpleSelector)
    .filter((s): s is SimpleSelector => s !== null);
  const reader = new PageReader(pageUrl, pageDomain, hidingSelectors(collectInlineStyles(html)), ignore);
  streamTags(html, reader, WANTED_ATTRIBUTES);

  const { offsiteLinks, hiddenLinks } = reader.links.finish();
  const code = reader.code.read(reader.hints, pageUrl);
  const head = reader.head.fields();
  const raw = reader.pageText.joined();
  const wholeText = normaliseText(raw.visible);
  const structure = reader.structure.sketch(STRUCTURE_SKETCH_SIZE);
  const sketched = capText(wholeText, MAX_SKETCHED_TEXT);
  const words = new WordIndex(sketched);
  const textSketch = shinglesOfWords(words.hashes, words.count).sketch(TEXT_SKETCH_SIZE);
  const text = capText(wholeText, MAX_MODEL_TEXT);
  const model: PageModel = {
    url: pageUrl,
    domain: pageDomain,
    htmlLength: html.length,
    elementCount: reader.elementCount,
    title: normaliseText(head.title),
    lang: head.lang,
    text,
    textLength: wholeText.length,
    hiddenText: capText(normaliseText(raw.hidden), MAX_MODEL_SIDE_TEXT),
    altText: capText(normaliseText(raw.alt), MAX_MODEL_SIDE_TEXT),
    headings: normaliseText(reader.headings.joined()),
    linkText: reader.linkTexts.joined(),
    ownLinks: reader.ownLinks,
    structure: structure.values,
    structureTotal: structure.unique,
    textSketch: textSketch.values,
    textShingleTotal: textSketch.unique,
    domains: reader.domains.sorted(),
    favicon: head.favicon,
    metaRefresh: head.metaRefresh,
    canonical: head.canonical,
    scriptRedirects: code.redirects,
    scriptSignatures: code.signatures,
    hiddenLinks,
    frames: reader.frames,
    offsiteLinks,
    hints: reader.hints.list(),
  };
  // The index is of the sketched text: term matching must read the kept text, so it builds its own when cut.
  if (text === sketched) keepWords?.(model, words);
  return model;
}
