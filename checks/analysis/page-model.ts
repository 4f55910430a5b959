import {
  hidingReason,
  hidingSelectors,
  matchesSimple,
  matchesSimpleLower,
  parseSimpleSelector,
  type HidingSelector,
  type SimpleSelector,
} from './css-hiding.ts';
import { hashString, mixHash } from './hash.ts';
import { hintsFromScripts, hintsFromStyles, isDarkColour, isHotlinkHost, type HintKind } from './page-hints.ts';
import { domainOfHost, domainOfUrl, hostOf } from './registrable-domain.ts';
import { HashBag } from './sketch.ts';
import { streamTags, type Attributes } from './tag-stream.ts';
import { normaliseText, truncateEvidence } from './text-fold.ts';
import { rememberPageWords } from './page-words.ts';
import { WordIndex } from './term-matcher.ts';
import { shinglesOfWords } from './text-shingles.ts';

/** Element kinds whose external registrable domains the model records. */
export const DOMAIN_KINDS = ['script', 'iframe', 'stylesheet', 'img', 'a', 'form'] as const;
export type DomainKind = (typeof DOMAIN_KINDS)[number];
/** External registrable domains per element kind: the model's and the baseline's `domains`. */
export type DomainsByKind = { readonly [K in DomainKind]: readonly string[] };

/** One value per element kind, made by `f`: the one place besides `DOMAIN_KINDS` that spells the kinds out. */
export function byDomainKind<T>(f: (kind: DomainKind) => T): Record<DomainKind, T> {
  return {
    script: f('script'),
    iframe: f('iframe'),
    stylesheet: f('stylesheet'),
    img: f('img'),
    a: f('a'),
    form: f('form'),
  };
}

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
  /** Visible text, normalised: NFC, lowercase, single spaces; no script/style/noscript/template, no hidden elements. */
  readonly text: string;
  readonly textLength: number;
  /** Text inside elements hidden by inline style or an inline stylesheet class/id. */
  readonly hiddenText: string;
  /** img alt texts, normalised, joined by " | ". */
  readonly altText: string;
  /** Bottom-k sketch of tag-path 4-shingles (sorted unique unsigned 32-bit hashes). */
  readonly structure: readonly number[];
  /** Number of distinct structure shingles before the sketch cap. */
  readonly structureTotal: number;
  /** Bottom-k sketch of word 3-shingles of `text` (diacritics-folded words). */
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
const MAX_DOMAINS_PER_KIND = 64;
const MAX_OFFSITE_LINKS = 300;
const MAX_HIDDEN_LINKS = 50;
const MAX_LINK_TEXT = 200;
const MAX_SCRIPT_TEXT = 400_000;
const NOT_BLANK = /[^\s\u200b-\u200d\u2060\ufeff]/;
/** The only attributes the model reads, and their positions in `Attributes` (the rest are never sliced out of the page). */
const A = {
  class: 0,
  id: 1,
  style: 2,
  hidden: 3,
  href: 4,
  src: 5,
  data: 6,
  rel: 7,
  content: 8,
  'http-equiv': 9,
  lang: 10,
  bgcolor: 11,
  background: 12,
  action: 13,
  alt: 14,
  oncontextmenu: 15,
  width: 16,
  height: 17,
} as const;
const ATTRIBUTES: readonly string[] = Object.keys(A);
const MAX_FRAMES = 20;

/** Text inside these is never visible text. */
const NO_TEXT = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'title',
  'head',
  'svg',
  'math',
  'object',
  'iframe',
]);
/**
 * Phrasing tags left out of the structure: they follow the wording of articles, which rotate; the
 * layout (div, ul, li, a, table, img …) is what a defacement replaces.
 */
const NOT_STRUCTURE = new Set([
  'b',
  'i',
  'u',
  'em',
  'strong',
  'span',
  'font',
  'br',
  'wbr',
  'small',
  'sup',
  'sub',
  'abbr',
  's',
  'strike',
  'mark',
  'code',
  'big',
  'center',
  'option',
  'optgroup',
  'path',
  'g',
  'use',
  'circle',
  'rect',
  'polygon',
  'line',
  'defs',
  'symbol',
  'lineargradient',
  'stop',
  'clippath',
  'source',
  'track',
  'param',
  'nobr',
  'cite',
  'q',
  'time',
]);

/** One open element. Mutable: a frame is reused for every element opened at its depth. */
interface Frame {
  tag: string;
  pathHash: number;
  /** Hiding reason inherited from this element or an ancestor; null when visible. */
  hidden: string | null;
  ignored: boolean;
  noText: boolean;
  inSvg: boolean;
  /** Index into `anchors` when this element is (inside) a link being collected. */
  anchor: number;
}

interface OpenAnchor {
  readonly href: string;
  readonly domain: string;
  readonly hidden: string | null;
  text: string;
}

const ROOT_PATH_HASH = 0x2545f491;

function newFrame(): Frame {
  return {
    tag: '#root',
    pathHash: ROOT_PATH_HASH,
    hidden: null,
    ignored: false,
    noText: false,
    inSvg: false,
    anchor: -1,
  };
}

/**
 * Builds the page model from htmlparser2's tokenizer (no DOM, see tag-stream.ts): one pass for
 * text, structure shingles, links and hints, after an indexOf pre-pass over inline <style> blocks
 * so that class/id hiding rules are known before the elements they hide. Never throws on hostile
 * HTML; never runs or fetches anything it reads. Relative references resolve against `pageUrl`
 * (a `<base href>` is ignored).
 */
export function extractPageModel(html: string, pageUrl: string, options: ExtractOptions = {}): PageModel {
  const pageDomain = domainOfUrl(pageUrl) ?? '';
  const domainCache = new Map<string, string>();
  const ignore = (options.ignoreSelectors ?? [])
    .map(parseSimpleSelector)
    .filter((s): s is SimpleSelector => s !== null);

  const styles = collectInlineStyles(html);
  const hiding = hidingSelectors(styles);
  const hintMap = new Map<HintKind, string>();
  const addHint = (kind: HintKind, evidence: string): void => {
    if (!hintMap.has(kind)) hintMap.set(kind, truncateEvidence(evidence));
  };

  /** Per tag name, looked up once per element: its hash, whether it is layout, whether it holds text. */
  const tagInfo = new Map<string, { readonly hash: number; readonly structural: boolean; readonly noText: boolean }>();
  const shingles = new HashBag();
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  let p4 = 0;
  const textParts: string[] = [];
  const hiddenParts: string[] = [];
  const altParts: string[] = [];
  const scriptParts: string[] = [];
  const styleParts: string[] = [];
  let styleChars = 0;
  let scriptChars = 0;
  let titleText = '';
  let titleDone = false;
  let lang = '';
  let elementCount = 0;
  let favicon: string | null = null;
  let canonical: string | null = null;
  let metaRefresh: MetaRefresh | null = null;
  const domains = byDomainKind(() => new Set<string>());
  const anchors: OpenAnchor[] = [];
  const closedAnchors: OpenAnchor[] = [];
  const offsiteLinks: OffsiteLink[] = [];
  const hiddenLinks: HiddenLink[] = [];
  const frames: ExternalFrame[] = [];
  // The open elements: openElements[0] is the document, openElements[depth] the innermost. One
  // frame object per depth, overwritten by each element opened there (an object per element, 3,300
  // per 200 KB, was the hottest line of the extraction profile; −1 % of the analysis, measured).
  const openElements: Frame[] = [newFrame()];
  let depth = 0;

  const resolve = (ref: string): string => {
    try {
      return new URL(ref.trim(), pageUrl).href;
    } catch {
      // Not a URL (hostile or broken markup): kept as written, as evidence.
      return ref.trim();
    }
  };
  /** External registrable domain of a reference, or null when it is same-site or relative. */
  const externalDomain = (host: string | null): string | null => {
    if (host === null) return null;
    const domain = domainOfHost(host, domainCache);
    return domain === pageDomain ? null : domain;
  };
  /** noteDomain for a host already taken from its reference (links need the host twice). */
  const noteHostDomain = (kind: DomainKind, host: string | null): string | null => {
    const d = externalDomain(host);
    if (d !== null && domains[kind].size < MAX_DOMAINS_PER_KIND) domains[kind].add(d);
    return d;
  };
  const noteDomain = (kind: DomainKind, ref: string | undefined): string | null =>
    noteHostDomain(kind, ref === undefined ? null : hostOf(ref));

  const onopentag = (tag: string, attrs: Attributes): void => {
    // Positions as in A.
    // Indexed reads, not array destructuring (that runs the iterator protocol for every element).
    const cls = attrs[0];
    const id = attrs[1];
    const style = attrs[2];
    const hiddenAttr = attrs[3];
    const href = attrs[4];
    const src = attrs[5];
    const data = attrs[6];
    const relAttr = attrs[7];
    const content = attrs[8];
    const httpEquiv = attrs[9];
    const langAttr = attrs[10];
    const bgcolor = attrs[11];
    const background = attrs[12];
    const action = attrs[13];
    const altAttr = attrs[14];
    const oncontextmenu = attrs[15];
    const width = attrs[16];
    const height = attrs[17];
    const parent = openElements[depth]!;
    elementCount++;
    let hidden = parent.hidden;
    if (hidden === null) {
      if (style !== undefined) hidden = hidingReason(style);
      if (hidden === null && hiddenAttr !== undefined && tag !== 'input') hidden = 'hidden attribute';
      if (hidden === null && hiding.length > 0 && (cls !== undefined || id !== undefined))
        hidden = matchHiding(hiding, tag, cls, id);
    }
    let ignored = parent.ignored;
    if (!ignored && ignore.length > 0) ignored = ignore.some((s) => matchesSimple(s, tag, cls, id));
    const inSvg = parent.inSvg || tag === 'svg';

    let info = tagInfo.get(tag);
    if (info === undefined) {
      info = { hash: hashString(tag), structural: !NOT_STRUCTURE.has(tag), noText: NO_TEXT.has(tag) };
      tagInfo.set(tag, info);
    }
    let pathHash = parent.pathHash;
    if (info.structural && !ignored && !parent.inSvg) {
      pathHash = mixHash(parent.pathHash, info.hash);
      // A shingle is the last four paths in document order (earlier ones start as 0).
      p1 = p2;
      p2 = p3;
      p3 = p4;
      p4 = pathHash;
      shingles.add(mixHash(mixHash(mixHash(p1, p2), p3), p4));
    }

    let anchor = parent.anchor;
    switch (tag) {
      case 'html':
        if (lang === '' && langAttr !== undefined) lang = langAttr.trim().toLowerCase();
        break;
      case 'body':
        if (bgcolor !== undefined && isDarkColour(bgcolor)) addHint('black-background', `<body bgcolor="${bgcolor}">`);
        if (style !== undefined && /background(?:-color)?\s*:\s*([^;]+)/i.test(style)) {
          const colour = /background(?:-color)?\s*:\s*([^;]+)/i.exec(style)![1]!;
          if (isDarkColour(colour)) addHint('black-background', `<body style="${style}">`);
        }
        if (background !== undefined) noteImage(background);
        break;
      case 'a': {
        if (href !== undefined) {
          const host = hostOf(href);
          const d = noteHostDomain('a', host);
          if (host !== null && /^(?:t\.me|telegram\.me|telegram\.dog)$/.test(host)) addHint('telegram', href);
          if (d !== null) {
            anchors.push({ href, domain: d, hidden, text: '' });
            anchor = anchors.length - 1;
          }
        }
        break;
      }
      case 'script':
        noteDomain('script', src);
        break;
      case 'iframe':
      case 'frame':
      case 'embed':
      case 'object': {
        const frameSrc = src ?? data;
        const frameDomain = noteDomain('iframe', frameSrc);
        if (frameDomain !== null && frameSrc !== undefined && frames.length < MAX_FRAMES) {
          frames.push({
            domain: frameDomain,
            src: truncateEvidence(frameSrc),
            hidden: hidden !== null || isTiny(width) || isTiny(height),
          });
        }
        if (frameSrc !== undefined) {
          const host = hostOf(frameSrc) ?? '';
          if (/(?:^|\.)(?:youtube\.com|youtube-nocookie\.com|youtu\.be)$/.test(host))
            addHint('youtube', `<${tag} src="${frameSrc}">`);
          else if (/(?:^|\.)soundcloud\.com$/.test(host) || /\.(?:mp3|ogg|wav|m4a)(?:[?#]|$)/i.test(frameSrc))
            addHint('audio', `<${tag} src="${frameSrc}">`);
        }
        if (tag === 'embed' && frameSrc !== undefined) addHint('audio', `<embed src="${frameSrc}">`);
        break;
      }
      case 'audio':
      case 'bgsound':
        addHint('audio', `<${tag}${src !== undefined ? ` src="${src}"` : ''}>`);
        break;
      case 'marquee':
        addHint('marquee', '<marquee>');
        break;
      case 'img': {
        noteImage(src);
        const alt = altAttr;
        if (alt !== undefined && alt.trim() !== '' && !ignored) {
          altParts.push(alt);
          if (anchor >= 0) appendAnchorText(anchor, alt);
        }
        break;
      }
      case 'link': {
        const rel = (relAttr ?? '').toLowerCase();
        if (rel.includes('stylesheet')) noteDomain('stylesheet', href);
        if (/\bicon\b/.test(rel) && favicon === null && href !== undefined && href.trim() !== '')
          favicon = resolve(href);
        if (rel.split(/\s+/).includes('canonical') && canonical === null && href !== undefined)
          canonical = resolve(href);
        break;
      }
      case 'meta':
        if ((httpEquiv ?? '').toLowerCase() === 'refresh' && metaRefresh === null && content !== undefined) {
          metaRefresh = parseRefresh(content, resolve);
        }
        break;
      case 'form':
        noteDomain('form', action);
        break;
      default:
        break;
    }
    if (oncontextmenu !== undefined) addHint('right-click-block', `<${tag} oncontextmenu="${oncontextmenu}">`);
    if (style?.includes('url(')) {
      for (const h of hintsFromStyles(`x{${style}}`)) if (h.kind === 'hotlinked-image') addHint(h.kind, h.evidence);
    }

    const noText = parent.noText || info.noText;
    depth++;
    if (depth === openElements.length) openElements.push(newFrame());
    const frame = openElements[depth]!;
    frame.tag = tag;
    frame.pathHash = pathHash;
    frame.hidden = hidden;
    frame.ignored = ignored;
    frame.noText = noText;
    frame.inSvg = inSvg;
    frame.anchor = anchor;
    if (tag === 'title') titleDone = titleDone || titleText !== '';
    pushSpace(hidden);
  };

  function noteImage(src: string | undefined): void {
    const d = noteDomain('img', src);
    if (d !== null && src !== undefined) {
      const host = hostOf(src) ?? '';
      if (isHotlinkHost(host, d)) addHint('hotlinked-image', src);
    }
  }

  function appendAnchorText(index: number, chunk: string): void {
    const a = anchors[index]!;
    if (a.text.length < MAX_LINK_TEXT) a.text += chunk;
  }

  // Element boundaries separate words; a pending space is written before the next text only.
  let spaceBeforeText = false;
  let spaceBeforeHidden = false;
  function pushSpace(hidden: string | null): void {
    if (hidden === null) spaceBeforeText = true;
    else spaceBeforeHidden = true;
  }

  const onclosetag = (): void => {
    // streamTags closes every element it opened, innermost first, implied ones included.
    const frame = openElements[depth]!;
    depth--;
    const parent = openElements[depth]!;
    if (frame.anchor >= 0 && frame.anchor !== parent.anchor) closeAnchor(frame.anchor);
    pushSpace(frame.hidden);
  };

  function closeAnchor(index: number): void {
    if (closedAnchors.length < MAX_OFFSITE_LINKS) closedAnchors.push(anchors[index]!);
  }

  const ontext = (data: string): void => {
    const frame = openElements[depth]!;
    const tag = frame.tag;
    if (tag === 'style') {
      if (styleChars < MAX_SCRIPT_TEXT) {
        styleParts.push(data);
        styleChars += data.length;
      }
      return;
    }
    if (tag === 'script') {
      if (scriptChars < MAX_SCRIPT_TEXT) {
        scriptParts.push(data);
        scriptChars += data.length;
      }
      return;
    }
    if (tag === 'title') {
      if (!titleDone && !frame.inSvg) titleText += data;
      return;
    }
    if (frame.noText || frame.ignored) return;
    // Indentation between tags is most text nodes: it only separates words.
    if (isBlank(data)) {
      pushSpace(frame.hidden);
      return;
    }
    if (frame.hidden === null) {
      if (spaceBeforeText) textParts.push(' ');
      textParts.push(data);
      spaceBeforeText = false;
    } else {
      if (spaceBeforeHidden) hiddenParts.push(' ');
      hiddenParts.push(data);
      spaceBeforeHidden = false;
    }
    if (frame.anchor >= 0) appendAnchorText(frame.anchor, data);
  };

  streamTags(html, { open: onopentag, close: onclosetag, text: ontext }, ATTRIBUTES);

  // Link texts are normalised in one call (one string, split again): 300 small calls cost more.
  const linkTexts = normaliseLines(closedAnchors.map((a) => a.text.replace(/[\n\r]/g, ' ')));
  closedAnchors.forEach((a, i) => {
    const text = linkTexts[i]!.slice(0, MAX_LINK_TEXT);
    offsiteLinks.push({ domain: a.domain, text, hidden: a.hidden !== null });
    if (a.hidden !== null && hiddenLinks.length < MAX_HIDDEN_LINKS) {
      hiddenLinks.push({
        href: truncateEvidence(a.href),
        domain: a.domain,
        text: truncateEvidence(text),
        reason: a.hidden,
      });
    }
  });

  for (const h of hintsFromStyles(styleParts.join('\n'))) addHint(h.kind, h.evidence);
  const scripts = scriptParts.join('\n');
  const scriptRedirects: string[] = [];
  const scriptHints = hintsFromScripts(scripts);
  for (const h of scriptHints.hints) addHint(h.kind, h.evidence);
  for (const target of scriptHints.redirects) {
    const abs = resolve(target);
    if (!scriptRedirects.includes(abs) && scriptRedirects.length < 20) scriptRedirects.push(abs);
  }

  const text = normaliseText(textParts.join(''));
  const structure = shingles.sketch(STRUCTURE_SKETCH_SIZE);
  const words = new WordIndex(text);
  const textSketch = shinglesOfWords(words.hashes, words.count).sketch(TEXT_SKETCH_SIZE);
  const model: PageModel = {
    url: pageUrl,
    domain: pageDomain,
    htmlLength: html.length,
    elementCount,
    title: normaliseText(titleText),
    lang,
    text,
    textLength: text.length,
    hiddenText: normaliseText(hiddenParts.join('')),
    altText: normaliseText(altParts.join(' | ')),
    structure: structure.values,
    structureTotal: structure.unique,
    textSketch: textSketch.values,
    textShingleTotal: textSketch.unique,
    domains: byDomainKind((kind) => [...domains[kind]].sort()),
    favicon,
    metaRefresh,
    canonical,
    scriptRedirects,
    scriptSignatures: scriptHints.signatures.map((e) => normaliseText(e)),
    hiddenLinks,
    frames,
    offsiteLinks,
    hints: [...hintMap].map(([kind, evidence]) => ({ kind, evidence })),
  };
  rememberPageWords(model, words);
  return model;
}

function matchHiding(
  rules: readonly HidingSelector[],
  tag: string,
  cls: string | undefined,
  id: string | undefined,
): string | null {
  // Lowercased once per element, not once per rule (matchesSimple lowercases its inputs).
  const lowerClass = cls?.toLowerCase();
  const lowerId = id?.toLowerCase();
  for (const rule of rules) {
    if (matchesSimpleLower(rule, tag, lowerClass, lowerId)) {
      const name = rule.id !== null ? `#${rule.id}` : `.${rule.className ?? ''}`;
      return `${name}: ${rule.reason}`;
    }
  }
  return null;
}

/**
 * `!NOT_BLANK.test(data)` without a regex run for the usual cases: indentation between tags is
 * ASCII whitespace, and most text starts with a printable ASCII character.
 */
function isBlank(data: string): boolean {
  for (let i = 0; i < data.length; i++) {
    const c = data.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) continue;
    if (c < 0x80) return false;
    return !NOT_BLANK.test(data);
  }
  return true;
}

/** normaliseText over many short strings at once (none may contain a line break). */
function normaliseLines(lines: readonly string[]): string[] {
  if (lines.length === 0) return [];
  return lines
    .join('\n')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\S\n]+|[\u00a0\u200b-\u200d\u2060\ufeff]+/g, ' ')
    .split('\n')
    .map((l) => l.trim());
}

/** width/height attribute of 0–2 (pixels): an invisible frame. */
function isTiny(size: string | undefined): boolean {
  return size !== undefined && /^\s*[0-2](?:\.\d*)?\s*(?:px)?\s*$/i.test(size);
}

/**
 * The text of every lowercase inline <style> block: a pre-pass (indexOf scans), so class/id hiding
 * rules are known before the elements they hide. <STYLE> spelled otherwise is still read by the
 * parse for the page hints; only its hiding rules are missed (injected spam blocks are lowercase).
 */
function collectInlineStyles(html: string): string {
  const parts: string[] = [];
  for (let at = html.indexOf('<style'); at >= 0; at = html.indexOf('<style', at + 6)) {
    const next = html.charCodeAt(at + 6);
    if (next !== 0x3e && next !== 0x20 && next !== 0x09 && next !== 0x0a && next !== 0x0d && next !== 0x2f) continue;
    const open = html.indexOf('>', at);
    if (open < 0) break;
    const close = html.indexOf('</style', open);
    parts.push(html.slice(open + 1, close < 0 ? html.length : close));
    if (close < 0) break;
    at = close;
  }
  return parts.join('\n');
}

/** `content="5; url=https://…"` → delay and absolute target. */
function parseRefresh(content: string, resolve: (ref: string) => string): MetaRefresh {
  const m = /^\s*(\d+(?:\.\d+)?)?\s*[;,]?\s*(?:url\s*=\s*)?(.*)$/i.exec(content)!;
  const delay = m[1] === undefined ? 0 : Math.floor(Number(m[1]));
  const target = (m[2] ?? '')
    .trim()
    .replace(/^['"]|['"]$/g, '')
    .trim();
  return { delay, url: target === '' ? null : resolve(target) };
}
