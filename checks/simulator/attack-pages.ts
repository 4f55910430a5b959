import { OTHER_ZONE } from './host-names.ts';

/**
 * What attacked portals serve, modelled on the shapes seen in real incidents (shared/REFERENCE.md):
 * a classic "hacked by" page, gambling links hidden in a legitimate page, content for Googlebot only,
 * a script that sends visitors to a betting site, a foreign iframe, a doorway subpage. Every name is
 * fictional; every "foreign" host is under the simulator's other zone, which resolves to 127.0.0.1.
 */
export type PortalMode =
  | 'normal'
  | 'defaced'
  | 'replaced'
  | 'hostile-defaced'
  | 'spam-injected'
  | 'script-redirect'
  | 'iframe-injected';

const BETTING_HOST = `nha-cai-so-1.${OTHER_ZONE}`;

/** A defacer's page in place of the portal: black, marquee, music, right-click blocked, a Telegram handle. */
export function renderDefacedPage(port: number): string {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Hacked By Shadow Ghost Team</title>
<style>body{background:#000;color:#0f0;font-family:monospace;text-align:center}</style>
<script>document.oncontextmenu=function(){return false};</script></head>
<body>
<marquee behavior="alternate"><h1>Hacked By Shadow Ghost Team</h1></marquee>
<img src="http://img-host.${OTHER_ZONE}:${port}/skull.gif" alt="h4ck3d by gh0st">
<p>Your security is low. We are here. Greetz to all members.</p>
<p>Contact: <a href="https://t.me/shadow_ghost_team">t.me/shadow_ghost_team</a></p>
<audio src="http://img-host.${OTHER_ZONE}:${port}/song.mp3" autoplay loop></audio>
</body></html>
`;
}

/**
 * The portal replaced wholesale by a message with no defacer wording, in another language and
 * script, no link to the site: the shape of the real defacements that say only "the page changed".
 */
export function renderReplacedPage(): string {
  return `<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>Свобода народу</title></head>
<body style="background:#fff;text-align:center;font-family:serif">
<h1>Свобода народу!</h1>
<p>Мы требуем справедливости для всех народов. Правда победит. Весь мир должен услышать наш голос.</p>
<img src="/flag.jpg" alt="">
</body></html>
`;
}

/** Links to betting sites hidden off-screen inside an otherwise legitimate page. */
export function injectHiddenGamblingLinks(html: string, port: number): string {
  const links = [
    ['nhà cái uy tín', 'nha-cai'],
    ['tài xỉu online', 'tai-xiu'],
    ['nổ hũ đổi thưởng', 'no-hu'],
    ['game bài đổi thưởng', 'game-bai'],
    ['soi cầu lô đề miễn phí', 'soi-cau'],
    ['kèo nhà cái 8xbet', 'keo'],
  ]
    .map(([text, path]) => `<a href="http://${BETTING_HOST}:${port}/${path}">${text}</a>`)
    .join(' ');
  return html.replace('</body>', `<div style="position:absolute;left:-9999px;top:-9999px">${links}</div>\n</body>`);
}

/** A script that sends every visitor to a betting site. */
export function injectScriptRedirect(html: string, port: number): string {
  return html.replace(
    '</head>',
    `<script>setTimeout(function(){window.location.href="http://${BETTING_HOST}:${port}/?ref=gov"},100);</script>\n</head>`,
  );
}

/**
 * A defacer's page whose text attacks the incident tracker itself: @mentions, Markdown links and
 * images, a forged Canh Gác marker, issue references, HTML. Issue bodies must show it as inert text.
 */
export function renderHostileDefacedPage(port: number): string {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Hacked By @canhgac-oncall [click me](https://evil.${OTHER_ZONE}/) #1</title></head>
<body style="background:#000;color:#fff">
<h1>Hacked by Shadow Ghost Team ping @canhgac-oncall and @org/security-team</h1>
<p>hacked by ![x](https://evil.${OTHER_ZONE}/p.png) &lt;img src=x onerror=alert(1)&gt; &lt;!-- canhgac:incident site=bo-mau track=defacement --&gt; owner/repo#3 GH-4</p>
<p>Contact: https://t.me/shadow_ghost_team www.nha-cai-so-1.${OTHER_ZONE} \`\`\`</p>
<img src="http://img-host.${OTHER_ZONE}:${port}/skull.gif" alt="h4ck3d by gh0st">
</body></html>
`;
}

/** A full-page iframe from a betting site laid over the portal. */
export function injectForeignIframe(html: string, port: number): string {
  return html.replace(
    '</body>',
    `<iframe src="http://${BETTING_HOST}:${port}/khuyen-mai" style="position:fixed;top:0;left:0;width:100%;height:100%;border:0;z-index:99999"></iframe>\n</body>`,
  );
}

/** What a cloaked portal serves to Googlebot: a doorway page of betting keywords. */
export function renderGamblingDoorway(title: string, port: number): string {
  const terms = [
    'nhà cái uy tín nhất 2026',
    'cá cược bóng đá',
    'tài xỉu',
    'nổ hũ',
    'bắn cá đổi thưởng',
    'đá gà trực tiếp',
    'xóc đĩa online',
    'game bài đổi thưởng',
    'link vào 98win',
    'sunwin',
    'go88',
  ];
  const paragraphs = terms.map(
    (term) =>
      `<h2>${term}</h2><p>${term} - đăng ký nhận ngay 888k, ${term} uy tín số 1 Việt Nam. <a href="http://${BETTING_HOST}:${port}/">${term}</a></p>`,
  );
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>${title} - Nhà cái uy tín | Tài xỉu | Nổ hũ</title></head>
<body><h1>Nhà cái uy tín - cá cược bóng đá - tài xỉu online</h1>
${paragraphs.join('\n')}
</body></html>
`;
}

/** sitemap.xml listing the portal's pages, the doorway among them (uploaded through a CMS flaw). */
/** A `<urlset>` sitemap; an entry may carry a `<lastmod>`. */
export function renderSitemap(
  origin: string,
  entries: readonly (string | { readonly path: string; readonly lastmod: string })[],
): string {
  const urls = entries
    .map((entry) => (typeof entry === 'string' ? { path: entry, lastmod: null } : entry))
    .map(
      ({ path, lastmod }) =>
        `  <url><loc>${origin}${path}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}<changefreq>daily</changefreq></url>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls}
</urlset>
`;
}

/** A `<sitemapindex>` naming child sitemaps, as WordPress and most CMSs serve at /sitemap.xml. */
export function renderSitemapIndex(origin: string, paths: readonly string[]): string {
  const children = paths.map((p) => `  <sitemap><loc>${origin}${p}</loc></sitemap>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${children}
</sitemapindex>
`;
}

/** True when the request looks like Google's crawler. */
export function isGooglebot(userAgent: string | undefined): boolean {
  return /googlebot/i.test(userAgent ?? '');
}

/** True when the visitor arrives from a Google search. */
export function fromGoogleSearch(referer: string | undefined): boolean {
  return /^https?:\/\/(www\.)?google\.[a-z.]+\//i.test(referer ?? '');
}
