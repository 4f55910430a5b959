import type { HidingSelector, SimpleSelector } from '../css-hiding.ts';
import type { ExternalFrame } from '../page-model.ts';
import { isHotlinkHost } from '../page-hints.ts';
import { hostOf } from '../registrable-domain.ts';
import type { Attributes, TagHandler } from '../tag-stream.ts';
import { truncateEvidence } from '../text-fold.ts';
import { ElementHints } from './element-hints.ts';
import { isIgnored, ownHidingReason } from './element-hiding.ts';
import { ExternalDomains } from './external-domains.ts';
import { HeadFields } from './head-fields.ts';
import { InlineCode } from './inline-code.ts';
import { OffsiteLinks } from './offsite-links.ts';
import { OpenElements } from './open-elements.ts';
import { PageText } from './page-text.ts';
import { StructureShingles } from './structure-shingles.ts';
import { type TagKind, TagKinds } from './tag-kinds.ts';
import { MAX_HEADING_TEXT, MAX_LINK_TEXT, ZoneText } from './zone-text.ts';

/**
 * The only attributes the model reads (the rest are never sliced out of the page), in the order of
 * their positions in `Attributes`: `open` reads them by these indices.
 */
export const WANTED_ATTRIBUTES: readonly string[] = [
  'class', // 0
  'id', // 1
  'style', // 2
  'hidden', // 3
  'href', // 4
  'src', // 5
  'data', // 6
  'rel', // 7
  'content', // 8
  'http-equiv', // 9
  'lang', // 10
  'bgcolor', // 11
  'background', // 12
  'action', // 13
  'alt', // 14
  'oncontextmenu', // 15
  'width', // 16
  'height', // 17
];

const MAX_FRAMES = 20;

/**
 * One pass over the page's elements and text (streamTags calls `open`, `close` and `text`), feeding
 * each concern's collector; extractPageModel reads the collectors when the stream ends. What an
 * element inherits (hidden, ignored, inside an off-site link …) lives in its `OpenElement`.
 */
export class PageReader implements TagHandler<TagKind> {
  elementCount = 0;
  readonly pageText = new PageText();
  readonly head: HeadFields;
  readonly domains: ExternalDomains;
  readonly links = new OffsiteLinks();
  readonly frames: ExternalFrame[] = [];
  readonly hints = new ElementHints();
  readonly code = new InlineCode();
  readonly structure = new StructureShingles();
  /** Visible text of headings and banners, one entry each. */
  readonly headings = new ZoneText(MAX_HEADING_TEXT);
  /** Visible text of links, one entry each. */
  readonly linkTexts = new ZoneText(MAX_LINK_TEXT);
  /** Links (<a href>) to the page's own site: relative, or to its registrable domain. */
  ownLinks = 0;
  readonly #elements = new OpenElements();
  readonly #tags = new TagKinds();
  readonly #hiding: readonly HidingSelector[];
  readonly #ignore: readonly SimpleSelector[];

  /**
   * `hiding`: the inline stylesheets' rules that hide a class or id, known before the elements they
   * hide; `ignore`: the site's selectors of subtrees to leave out of text and structure.
   */
  constructor(
    pageUrl: string,
    pageDomain: string,
    hiding: readonly HidingSelector[],
    ignore: readonly SimpleSelector[],
  ) {
    this.head = new HeadFields(pageUrl);
    this.domains = new ExternalDomains(pageDomain);
    this.#hiding = hiding;
    this.#ignore = ignore;
  }

  /** What `open` needs to know of a tag name, whatever its attributes (see TagHandler.kindOf). */
  kindOf(tag: string): TagKind {
    return this.#tags.of(tag);
  }

  open(tag: string, kind: TagKind, attrs: Attributes): void {
    // Positions as in WANTED_ATTRIBUTES, named at first use. Indexed reads, not array destructuring
    // (that runs the iterator protocol for every element).
    const cls = attrs[0];
    const id = attrs[1];
    const style = attrs[2];
    const src = attrs[5];
    const parent = this.#elements.current;
    this.elementCount++;
    const hidden = parent.hidden ?? ownHidingReason(tag, style, attrs[3] /* hidden */, cls, id, this.#hiding);
    const ignored = parent.ignored || isIgnored(this.#ignore, tag, cls, id);

    let anchor = parent.anchor;
    let inLink = parent.inLink;
    switch (tag) {
      case 'html':
        this.head.html(attrs[10] /* lang */);
        break;
      case 'title':
        this.head.openTitle();
        break;
      case 'body':
        this.hints.body(attrs[11] /* bgcolor */, style);
        this.#image(attrs[12] /* background */);
        break;
      case 'a': {
        const href = attrs[4];
        if (href !== undefined) {
          anchor = this.#link(href, hidden, anchor);
          inLink = true;
        }
        break;
      }
      case 'script':
        this.domains.note('script', src);
        break;
      case 'iframe':
      case 'frame':
      case 'embed':
      case 'object': {
        const frameSrc = src ?? attrs[6]; // data
        if (frameSrc !== undefined) this.#frame(tag, frameSrc, hidden, attrs[16] /* width */, attrs[17] /* height */);
        break;
      }
      case 'audio':
      case 'bgsound':
        this.hints.audio(tag, src);
        break;
      case 'marquee':
        this.hints.add('marquee', '<marquee>');
        break;
      case 'img': {
        this.#image(src);
        const alt = attrs[14];
        if (alt !== undefined && !ignored && alt.trim() !== '') {
          this.pageText.addAlt(alt);
          if (anchor >= 0) this.links.addText(anchor, alt);
        }
        break;
      }
      case 'link': {
        const rel = (attrs[7] /* rel */ ?? '').toLowerCase();
        const href = attrs[4];
        if (rel.includes('stylesheet')) this.domains.note('stylesheet', href);
        this.head.link(rel, href);
        break;
      }
      case 'meta':
        this.head.meta(attrs[9] /* http-equiv */, attrs[8] /* content */);
        break;
      case 'form':
        this.domains.note('form', attrs[13] /* action */);
        break;
      default:
        break;
    }
    this.hints.attributes(tag, attrs[15] /* oncontextmenu */, style);

    const element = this.#elements.enter();
    element.tag = tag;
    this.structure.enter(parent, element, kind, ignored);
    element.hidden = hidden;
    element.ignored = ignored;
    element.noText = parent.noText || kind.noText;
    element.inSvg = parent.inSvg || tag === 'svg';
    element.anchor = anchor;
    element.inHeading = parent.inHeading || kind.heading;
    element.inLink = inLink;
    this.pageText.boundary(hidden);
  }

  close(): void {
    // streamTags closes every element it opened, innermost first, implied ones included.
    const closed = this.#elements.leave();
    const current = this.#elements.current;
    if (closed.anchor >= 0 && closed.anchor !== current.anchor) this.links.close(closed.anchor);
    if (closed.inHeading && !current.inHeading) this.headings.end();
    if (closed.inLink && !current.inLink) this.linkTexts.end();
    this.pageText.boundary(closed.hidden);
  }

  text(data: string): void {
    const element = this.#elements.current;
    // Blank text, which streamTags passes as one space (three text nodes in four), only separates
    // words outside script, style and title (noText elements): said here, without the general
    // path's checks (−3.5 % for the page model, measured).
    if (data === ' ' && !element.noText) {
      if (!element.ignored) this.pageText.boundary(element.hidden);
      return;
    }
    const tag = element.tag;
    if (tag === 'style') this.code.addStyle(data);
    else if (tag === 'script') this.code.addScript(data);
    else if (tag === 'title') {
      if (!element.inSvg) this.head.titleText(data);
    } else if (!element.noText && !element.ignored) {
      if (this.pageText.add(data, element.hidden)) {
        if (element.anchor >= 0) this.links.addText(element.anchor, data);
        if (element.hidden === null) {
          if (element.inHeading) this.headings.add(data);
          if (element.inLink) this.linkTexts.add(data);
        }
      }
    }
  }

  /** An <a href>: returns the index of the off-site link it starts, or `outer` (the enclosing one's, -1 for none) when same-site. */
  #link(href: string, hidden: string | null, outer: number): number {
    const host = hostOf(href);
    const domain = this.domains.noteHost('a', host);
    this.hints.linkHost(host, href);
    if (domain === null && isPageLink(href, host)) this.ownLinks++;
    return domain === null ? outer : this.links.open(href, domain, hidden);
  }

  /** iframe/frame/embed/object: an off-site one is recorded, flagged when hidden or sized 0–2 px (injected tracking or redirect frames). */
  #frame(tag: string, src: string, hidden: string | null, width: string | undefined, height: string | undefined): void {
    const host = hostOf(src);
    const domain = this.domains.noteHost('iframe', host);
    if (domain !== null && this.frames.length < MAX_FRAMES) {
      this.frames.push({
        domain,
        src: truncateEvidence(src),
        hidden: hidden !== null || isTiny(width) || isTiny(height),
      });
    }
    this.hints.frameSource(tag, src, host);
  }

  /** An <img src> or <body background>: defacers hot-link their images from free hosts. */
  #image(src: string | undefined): void {
    if (src === undefined) return;
    const host = hostOf(src);
    const domain = this.domains.noteHost('img', host);
    if (domain !== null && isHotlinkHost(host!, domain)) this.hints.add('hotlinked-image', src);
  }
}

/**
 * A link to a page of the site itself: relative, or absolute on the page's own domain (`noteHost`
 * said it is not external). Not in-page anchors ("#top"), scripts, mail or phone links.
 */
function isPageLink(href: string, host: string | null): boolean {
  if (host !== null) return true;
  // Most links of a page are "/path": no trim, no regex for them.
  const first = href.charCodeAt(0);
  if (first === 0x2f /* / */) return true;
  const ref = href.trim();
  return ref !== '' && ref[0] !== '#' && !NON_PAGE_SCHEME.test(ref);
}

const NON_PAGE_SCHEME = /^(?:javascript|mailto|tel|sms|data|about|blob):/i;

/** width/height attribute of 0–2 (pixels): an invisible frame. */
export function isTiny(size: string | undefined): boolean {
  return size !== undefined && /^\s*[0-2](?:\.\d*)?\s*(?:px)?\s*$/i.test(size);
}
