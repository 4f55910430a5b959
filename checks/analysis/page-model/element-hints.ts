import type { PageHint } from '../page-model.ts';
import { hintsFromStyles, isDarkColour, type HintKind } from '../page-hints.ts';
import { truncateEvidence } from '../text-fold.ts';

const BACKGROUND = /background(?:-color)?\s*:\s*([^;]+)/i;
const TELEGRAM = /^(?:t\.me|telegram\.me|telegram\.dog)$/;
const YOUTUBE = /(?:^|\.)(?:youtube\.com|youtube-nocookie\.com|youtu\.be)$/;
const SOUNDCLOUD = /(?:^|\.)soundcloud\.com$/;
const AUDIO_FILE = /\.(?:mp3|ogg|wav|m4a)(?:[?#]|$)/i;

/**
 * The structural hints of defacement pages (page-hints.ts) that elements and their attributes
 * show, one per kind with its first evidence, in the order found. The inline style and script text
 * adds its own after the parse, through `add`.
 */
export class ElementHints {
  readonly #byKind = new Map<HintKind, string>();

  add(kind: HintKind, evidence: string): void {
    if (!this.#byKind.has(kind)) this.#byKind.set(kind, truncateEvidence(evidence));
  }

  /** A near-black <body> background, by attribute or inline style. */
  body(bgcolor: string | undefined, style: string | undefined): void {
    if (bgcolor !== undefined && isDarkColour(bgcolor)) this.add('black-background', `<body bgcolor="${bgcolor}">`);
    const background = style === undefined ? null : BACKGROUND.exec(style);
    if (background !== null && isDarkColour(background[1]!)) this.add('black-background', `<body style="${style}">`);
  }

  /** A link to Telegram, the contact defacers leave. */
  linkHost(host: string | null, href: string): void {
    if (host !== null && TELEGRAM.test(host)) this.add('telegram', href);
  }

  /** Music and videos playing on the page: an iframe/frame/embed/object source, or any <embed>. */
  frameSource(tag: string, src: string, host: string | null): void {
    const h = host ?? '';
    if (YOUTUBE.test(h)) this.add('youtube', `<${tag} src="${src}">`);
    else if (SOUNDCLOUD.test(h) || AUDIO_FILE.test(src)) this.add('audio', `<${tag} src="${src}">`);
    if (tag === 'embed') this.add('audio', `<embed src="${src}">`);
  }

  audio(tag: string, src: string | undefined): void {
    this.add('audio', `<${tag}${src !== undefined ? ` src="${src}"` : ''}>`);
  }

  /** Attributes any element may carry: right-click blocking, a hot-linked image in its style. */
  attributes(tag: string, oncontextmenu: string | undefined, style: string | undefined): void {
    if (oncontextmenu !== undefined) this.add('right-click-block', `<${tag} oncontextmenu="${oncontextmenu}">`);
    if (style?.includes('url(')) {
      for (const h of hintsFromStyles(`x{${style}}`)) if (h.kind === 'hotlinked-image') this.add(h.kind, h.evidence);
    }
  }

  list(): PageHint[] {
    return [...this.#byKind].map(([kind, evidence]) => ({ kind, evidence }));
  }
}
