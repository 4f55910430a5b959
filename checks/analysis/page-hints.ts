import { domainOfHost, hostOf } from './registrable-domain.ts';

/**
 * Structural hints of defacement pages, as measured on real ones (REFERENCE.md): black background
 * (52 %), Telegram links (44 %), audio/embed/YouTube (36 %), marquee (17 %), right-click blocking
 * (17 %), hot-linked images (8 %). Each is common enough on some legitimate page, so they only add
 * weight; the signal counts the ones the baseline did not have.
 */
export const HINT_KINDS = [
  'black-background',
  'marquee',
  'audio',
  'youtube',
  'right-click-block',
  'telegram',
  'hotlinked-image',
] as const;
export type HintKind = (typeof HINT_KINDS)[number];

/** Free image and file hosts defacers hot-link their logos, GIFs and music from. */
const HOTLINK_DOMAINS = new Set([
  'imgur.com',
  'ibb.co',
  'ibb.co.com',
  'imgbb.com',
  'postimg.cc',
  'postimages.org',
  'top4top.io',
  'top4top.net',
  'giphy.com',
  'tenor.com',
  'tinypic.com',
  'photobucket.com',
  'prnt.sc',
  'prntscr.com',
  'gyazo.com',
  'pasteboard.co',
  'catbox.moe',
  'discordapp.com',
  'discordapp.net',
  'imageshack.us',
  'imageshack.com',
  'imgflip.com',
  'fbcdn.net',
  'pinimg.com',
  'githubusercontent.com',
  'freeimage.host',
  'iili.io',
  'imgbox.com',
  'lensdump.com',
  'pixhost.to',
  'picfiles.io',
  'hizliresim.com',
  'resimupload.org',
  'uupload.ir',
  'upload.ee',
  'funkyimg.com',
  'ayazhost.com',
]);

/** Is an image host a free hot-linking host? `domain` is its registrable domain. */
export function isHotlinkHost(host: string, domain: string): boolean {
  return HOTLINK_DOMAINS.has(domain) || HOTLINK_DOMAINS.has(host) || host === 'github.com';
}

const COLOUR_TOKEN = /#([0-9a-f]{3,8})\b|rgba?\(\s*(\d+)\s*[, ]\s*(\d+)\s*[, ]\s*(\d+)|\b(black)\b/i;
const DARK_MAX = 0x26;

/** Does a CSS colour (or background shorthand) start with a near-black colour? */
export function isDarkColour(value: string): boolean {
  const m = COLOUR_TOKEN.exec(value);
  if (!m) return false;
  if (m[5] !== undefined) return true;
  if (m[1] !== undefined) {
    const hex = m[1];
    if (hex.length === 3 || hex.length === 4) {
      return [0, 1, 2].every((i) => Number.parseInt(hex[i]! + hex[i]!, 16) <= DARK_MAX);
    }
    if (hex.length === 6 || hex.length === 8) {
      return [0, 2, 4].every((i) => Number.parseInt(hex.slice(i, i + 2), 16) <= DARK_MAX);
    }
    return false;
  }
  return [m[2], m[3], m[4]].every((c) => Number(c) <= DARK_MAX);
}

export interface FoundHint {
  readonly kind: HintKind;
  readonly evidence: string;
}

const PAGE_RULE = /(?:^|[}\s,;])(html|body|\*)\s*(?:,[^{]*)?\{([^}]*)\}/gi;
const CSS_URL = /url\(\s*['"]?([^'")\s]+)/gi;

/** Hints from inline stylesheets: a near-black page background, images from free hosts. */
export function hintsFromStyles(css: string): FoundHint[] {
  if (css === '') return [];
  const out: FoundHint[] = [];
  PAGE_RULE.lastIndex = 0;
  for (let m = PAGE_RULE.exec(css); m !== null; m = PAGE_RULE.exec(css)) {
    const bg = /background(?:-color)?\s*:\s*([^;]+)/i.exec(m[2]!);
    if (bg && isDarkColour(bg[1]!)) {
      out.push({ kind: 'black-background', evidence: `${m[1]} { background: ${bg[1]!.trim()} }` });
      break;
    }
  }
  if (css.includes('url(')) {
    CSS_URL.lastIndex = 0;
    for (let m = CSS_URL.exec(css); m !== null; m = CSS_URL.exec(css)) {
      const host = hostOf(m[1]!);
      if (host !== null && isHotlinkHost(host, domainOfHost(host))) {
        out.push({ kind: 'hotlinked-image', evidence: m[1]! });
        break;
      }
    }
  }
  return out;
}

/**
 * `location = "…"`, `location.href = "…"`, `location.replace("…")`, `location.assign("…")` with a
 * literal target. Not `window.open`: share buttons open facebook.com with a literal prefix.
 */
const LITERAL_REDIRECT =
  /\blocation(?:\s*\.\s*href)?\s*=\s*(["'`])([^"'`\s]{1,500})\1|\blocation\s*\.\s*(?:replace|assign)\s*\(\s*(["'`])([^"'`\s]{1,500})\3/g;
const RIGHT_CLICK = /contextmenu|event\.button\s*={2,3}\s*2|\.which\s*={2,3}\s*3|\bbutton\s*={2,3}\s*2/;
const SCRIPT_AUDIO = /new\s+Audio\s*\(|\.play\s*\(\s*\)/;

export interface ScriptFindings {
  readonly redirects: readonly string[];
  readonly hints: readonly FoundHint[];
  /** Excerpts of script text around defacer wording (banners typed out by script effects). */
  readonly signatures: readonly string[];
}

/** The strongest defacer phrases only: scripts are large and full of ordinary words. */
const SCRIPT_SIGNATURE =
  /h[a4]ck(?:3d|ed)?\s+by\b|defaced\s+by|(?:has\s+)?been\s+(?:hacked|seized|defaced)|hacklendi|diretas\s+oleh|hackeado\s+por|hack\s+bởi/gi;

/**
 * Reads inline script text (never runs it): literal redirect targets (`location.href = "…"`,
 * `location.replace("…")`), right-click blocking, autoplaying audio, and defacer wording that a
 * script types onto the page.
 * Computed targets ("…" + x) are not followed; the Google-Referer variant fetch covers those.
 */
export function hintsFromScripts(scripts: string): ScriptFindings {
  if (scripts === '') return { redirects: [], hints: [], signatures: [] };
  const redirects: string[] = [];
  if (scripts.includes('location')) {
    LITERAL_REDIRECT.lastIndex = 0;
    for (let m = LITERAL_REDIRECT.exec(scripts); m !== null; m = LITERAL_REDIRECT.exec(scripts)) {
      const target = m[2] ?? m[4];
      if (target !== undefined && !target.startsWith('#') && !/^javascript:/i.test(target)) redirects.push(target);
    }
  }
  const hints: FoundHint[] = [];
  // Plain substring checks first: the regexes would scan every script of every page.
  const rc =
    scripts.includes('contextmenu') || scripts.includes('button') || scripts.includes('which')
      ? RIGHT_CLICK.exec(scripts)
      : null;
  if (rc) hints.push({ kind: 'right-click-block', evidence: around(scripts, rc.index, rc[0].length) });
  const audio = scripts.includes('Audio') || scripts.includes('.play') ? SCRIPT_AUDIO.exec(scripts) : null;
  if (audio) hints.push({ kind: 'audio', evidence: around(scripts, audio.index, audio[0].length) });
  const signatures: string[] = [];
  SCRIPT_SIGNATURE.lastIndex = 0;
  for (
    let m = SCRIPT_SIGNATURE.exec(scripts);
    m !== null && signatures.length < 3;
    m = SCRIPT_SIGNATURE.exec(scripts)
  ) {
    signatures.push(around(scripts, m.index, m[0].length));
  }
  return { redirects, hints, signatures };
}

function around(text: string, at: number, length: number): string {
  return text
    .slice(Math.max(0, at - 60), at + length + 60)
    .replace(/\s+/g, ' ')
    .trim();
}
