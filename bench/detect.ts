/**
 * bench:detect — the defacement analysis against the evaluation corpus (read by path, never copied).
 *
 *   npm run bench:detect -- [CORPUS_DIR] [--verbose]
 *
 * CORPUS_DIR defaults to ../shared/corpus next to the project root. Categories:
 *
 * - legit sequences: version 00 is the first observation (no baseline; must be clean and become
 *   the baseline), each later version must be clean and is folded into the baseline as production
 *   would. Anything but clean is a false alarm (suspected counts).
 * - defaced pages: each is served in place of a legit page (baselines rotate through the legit
 *   pages, learned from their whole sequence); must be `defaced`.
 * - edgi pairs: `falsepos` b against a must be clean; `truepos` b against a must not be `defaced`.
 * - redesigns: a large page of another template in place of a large legit page (and the other way
 *   round) changes layout, title, favicon and scripts at once, with no attack: must not be `defaced`.
 * - injections generated into every legit page (latest version, against its learned baseline):
 *   hidden gambling links, a "hacked by" banner, spam only for Googlebot (cloaking), a script
 *   redirect to a foreign domain, an iframe from a foreign domain. Caught = suspected or defaced.
 *
 * CPU: process.cpuUsage around extractPageModel + analysePage for every analysed page (the least of
 * five runs, after a warm-up pass), next to htmlparser2's Tokenizer alone (a yardstick of the
 * machine's speed) and our own tokenizer alone (checks/analysis/html-tokenizer.ts, what the model uses).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Tokenizer } from 'htmlparser2';
import { analysePage, type Analysis, type AnalysisInput } from '../checks/analysis/analyse-page.ts';
import { createBaseline, updateBaseline, type Baseline } from '../checks/analysis/baseline.ts';
import { IGNORE_EVENTS, tokenize } from '../checks/analysis/html-tokenizer.ts';
import { extractPageModel, type PageModel } from '../checks/analysis/page-model.ts';
import { rememberPageWords } from '../checks/analysis/page-words.ts';

const TARGET_DETECTION = 99.5;
/** Issue #12: no false alarm at all over legitimate versions, and no redesign `defaced`. */
const TARGET_FALSE_ALARMS = 0;
/** News about hacking, gambling busts and lottery results: all clean. */
const TARGET_NEWS_CLEAN = 100;
const TARGET_INJECTIONS = 100;
const TARGET_MS_PER_200KB = 5;
const NOW = new Date('2025-06-01T00:00:00Z');
const SITE_HOST = 'https://www.usa.gov';
/** What an operator's registry would call the site: the identity signal looks for it (analysis/identity.ts). */
const SITE_NAMES = ['USAGov'];
/** The registry's names for a page's site: usa.gov's for its pages; the edgi pairs' agencies are not registered here. */
const namesFor = (url: string): string[] => (url.startsWith(SITE_HOST) ? SITE_NAMES : []);

interface Outcome {
  readonly category: string;
  readonly file: string;
  readonly ok: boolean;
  readonly analysis: Analysis;
}

interface LegitPage {
  readonly name: string;
  readonly url: string;
  readonly versions: readonly { readonly file: string; readonly html: string }[];
}

interface TimedCase {
  readonly html: string;
  readonly url: string;
  readonly baseline: Baseline | null;
  readonly extra: Partial<AnalysisInput>;
}
const timedCases: TimedCase[] = [];
let recording = false;
/** The analysis of a case's model, as production calls it (the site's names included). */
function analyseCase(model: PageModel, { url, baseline, extra }: Omit<TimedCase, 'html'>): Analysis {
  return analysePage(
    { model, baseline, keywords: [], names: namesFor(url), siteUrl: url, finalUrl: url, ...extra },
    NOW,
  );
}

/** extract + analyse; the case is recorded for the timing pass. */
function judge(
  html: string,
  url: string,
  baseline: Baseline | null,
  extra: Partial<AnalysisInput> = {},
): { model: PageModel; analysis: Analysis } {
  if (recording) timedCases.push({ html, url, baseline, extra });
  return judgeUntimed(html, url, baseline, extra);
}

/**
 * extract + analyse, not timed: the categories added with issue #12 (site names withheld, another
 * agency's page, news), so the CPU figure stays over the same pages as before, comparable run to run.
 */
function judgeUntimed(
  html: string,
  url: string,
  baseline: Baseline | null,
  extra: Partial<AnalysisInput> = {},
): { model: PageModel; analysis: Analysis } {
  const model = extractPageModel(html, url, {}, rememberPageWords);
  return { model, analysis: analyseCase(model, { url, baseline, extra }) };
}

/**
 * CPU of extract + analyse per case: the least of `REPEATS` runs, so that other processes on a
 * shared machine (which slow every run, never speed one up) do not count. Also the floor: the
 * htmlparser2 Tokenizer alone with no-op callbacks on the same HTML.
 */
const REPEATS = 5;
function timeCases(
  cases: readonly TimedCase[],
): { ms: number; extractMs: number; floorMs: number; ownTokenizerMs: number; bytes: number }[] {
  const callbacks = { ...IGNORE_EVENTS };

  return cases.map((c) => {
    let ms = Infinity;
    let extractMs = Infinity;
    let floorMs = Infinity;
    let ownTokenizerMs = Infinity;
    for (let r = 0; r < REPEATS; r++) {
      const t0 = process.cpuUsage();
      const model = extractPageModel(c.html, c.url, {}, rememberPageWords);
      const te = process.cpuUsage(t0);
      extractMs = Math.min(extractMs, (te.user + te.system) / 1000);
      analyseCase(model, c);
      const t = process.cpuUsage(t0);
      ms = Math.min(ms, (t.user + t.system) / 1000);
      const f0 = process.cpuUsage();
      const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
      tokenizer.write(c.html);
      tokenizer.end();
      const f = process.cpuUsage(f0);
      floorMs = Math.min(floorMs, (f.user + f.system) / 1000);
      const o0 = process.cpuUsage();
      tokenize(c.html, callbacks);
      const o = process.cpuUsage(o0);
      ownTokenizerMs = Math.min(ownTokenizerMs, (o.user + o.system) / 1000);
    }
    return { ms, extractMs, floorMs, ownTokenizerMs, bytes: c.html.length };
  });
}

function listDirs(dir: string): string[] {
  return readdirSync(dir)
    .filter((d) => statSync(path.join(dir, d)).isDirectory())
    .sort();
}

function loadLegit(corpus: string): LegitPage[] {
  const root = path.join(corpus, 'legit-seq');
  const pages: LegitPage[] = [];
  for (const site of listDirs(root)) {
    for (const page of listDirs(path.join(root, site))) {
      const dir = path.join(root, site, page);
      const files = readdirSync(dir)
        .filter((f) => /\.html?$/.test(f))
        .sort();
      pages.push({
        name: `${site}/${page}`,
        url: `${SITE_HOST}/${page.replace(/_/g, '/').replace(/\/index\.html$|\.s?html$/, '')}`,
        versions: files.map((f) => ({
          file: path.join('legit-seq', site, page, f),
          html: readFileSync(path.join(dir, f), 'utf8'),
        })),
      });
    }
  }
  return pages;
}

/** `html` with `name` added to its title ("… | USAGov"), or a title of its own when it has none. */
function withSiteName(html: string, name: string): string {
  const titled = html.replace(/<\/title>/i, ` | ${name}</title>`);
  return titled !== html ? titled : html.replace(/<head[^>]*>/i, (head) => `${head}<title>${name}</title>`);
}

/** Runs a legit sequence as production would; returns outcomes and the learned baseline. */
function runSequence(page: LegitPage): { outcomes: Outcome[]; baseline: Baseline | null } {
  const outcomes: Outcome[] = [];
  let baseline: Baseline | null = null;
  for (const v of page.versions) {
    const { model, analysis } = judge(v.html, page.url, baseline);
    outcomes.push({ category: 'legit', file: v.file, ok: analysis.defacement.verdict === 'clean', analysis });
    if (analysis.baselineAction === 'create') baseline = createBaseline(model, NOW, namesFor(page.url));
    else if (analysis.baselineAction === 'update' && baseline !== null)
      baseline = updateBaseline(baseline, model, NOW, namesFor(page.url));
  }
  return { outcomes, baseline };
}

// ---------------------------------------------------------------------------------------------
// Injections: several spellings of each attack, rotated over the pages, so no single string is tested.

const SPAM_LINKS = [
  ['https://8xbet.bz/', 'nhà cái uy tín 8xbet'],
  ['https://kubet-vn.club/', 'kubet - link vào kubet mới nhất'],
  ['https://nohu-doithuong.net/', 'nổ hũ đổi thưởng'],
  ['https://taixiu-online.win/', 'tài xỉu online uy tín'],
  ['https://fb88vn.com/', 'link vào fb88'],
  ['https://game-bai-doi-thuong.vip/', 'game bài đổi thưởng'],
  ['https://soicau-xsmb.net/', 'soi cầu xsmb hôm nay'],
  ['https://slot-gacor.id/', 'slot gacor hari ini'],
  ['https://nha-cai-top.com/', 'nha cai uy tin nhat'],
  ['https://banca-doithuong.club/', 'bắn cá đổi thưởng'],
] as const;

const HIDE_STYLES = [
  '<div style="display:none">',
  '<div style="position:absolute;left:-9999px;top:-9999px">',
  '<div class="sl-box">',
  '<p style="font-size:0px;line-height:0">',
  '<div style="height:1px;overflow:hidden;width:1px">',
  '<span style="visibility:hidden">',
] as const;

function spamLinks(i: number, count: number): string {
  const links: string[] = [];
  for (let k = 0; k < count; k++) {
    const [href, text] = SPAM_LINKS[(i + k * 3) % SPAM_LINKS.length]!;
    links.push(`<a href="${href}">${text}</a>`);
  }
  return links.join(' ');
}

function hiddenLinksBlock(i: number): string {
  const open = HIDE_STYLES[i % HIDE_STYLES.length]!;
  const tag = /^<(\w+)/.exec(open)![1]!;
  const style = open.includes('sl-box') ? '<style>.sl-box{position:absolute;left:-5000px;top:0}</style>' : '';
  return `${style}${open}${spamLinks(i, 2 + (i % 4))}</${tag}>`;
}

const DEFACERS = ['Mr.Kr4k3n', 'GhostSec Team', 'xNot_Found', 'Anon7 Crew', 'Dz Sh4d0w', 'BlackRose'];
const BANNERS = [
  (n: string) => `<div style="background:#000;color:#f00;text-align:center;padding:20px"><h1>Hacked by ${n}</h1></div>`,
  (n: string) => `<center><h2>HACKED BY ${n}</h2><p>Your security is low. Greetz to all my friends.</p></center>`,
  (n: string) => `<div class="notice"><b>hacked by: ${n}</b></div>`,
  (n: string) => `<marquee><font color="red">Website bị hack bởi ${n}</font></marquee>`,
  (n: string) => `<h1>Diretas oleh ${n}</h1>`,
  (n: string) => `<div><h3>Owned &amp; defaced by ${n} - we were here</h3></div>`,
];

function banner(i: number): string {
  return BANNERS[i % BANNERS.length]!(DEFACERS[i % DEFACERS.length]!);
}

const VISIBLE_SPAM = [
  '<div class="seo"><h2>Nhà cái uy tín 2025</h2><p>Top nhà cái uy tín: 8xbet, kubet, fb88, sunwin. Chơi tài xỉu, nổ hũ, bắn cá đổi thưởng, đăng ký nhận ngay giftcode 100k, nạp rút siêu tốc.</p>',
  '<div><p>Slot gacor hari ini, situs judi online terpercaya, togel online, maxwin setiap hari. Daftar sekarang bonus deposit 100%.</p>',
  '<div><h2>Game bài đổi thưởng uy tín</h2><p>Link vào go88, sunwin, 789club mới nhất. Soi cầu lô đề, xóc đĩa online, đá gà trực tiếp, khuyến mãi nạp tiền.</p>',
] as const;

function cloakedSpam(i: number): string {
  return `${VISIBLE_SPAM[i % VISIBLE_SPAM.length]} ${spamLinks(i, 3)}</div>`;
}

const REDIRECTS = [
  'https://go.link-vao-8xbet.com/',
  'https://tinyurl.com/y7k2m9xq',
  'https://traffic-exchange.ru/in.php?id=7731',
  'https://kubet88.club/?ref=gov',
  'https://bit.ly/3xQz9Lm',
];
const REDIRECT_SCRIPTS = [
  (u: string) => `<script>window.location.href = "${u}";</script>`,
  (u: string) => `<script type="text/javascript">setTimeout(function(){ location.replace('${u}'); }, 100);</script>`,
  (u: string) => `<script>document.location = '${u}'</script>`,
  (u: string) => `<script>if (navigator.userAgent.indexOf('bot') < 0) { top.location.href="${u}"; }</script>`,
];

function redirectScript(i: number): string {
  return REDIRECT_SCRIPTS[i % REDIRECT_SCRIPTS.length]!(REDIRECTS[i % REDIRECTS.length]!);
}

const IFRAMES = [
  '<iframe src="https://counter-stat.xyz/c.php?id=912" width="1" height="1" frameborder="0"></iframe>',
  '<iframe src="https://ads.popcash-cdn.net/show.html" width="300" height="250" scrolling="no"></iframe>',
  '<iframe src="//cdn-widget.top/w/index.html" style="display:none"></iframe>',
  '<iframe src="https://promo.kubet-vn.club/banner" width="728" height="90"></iframe>',
  '<iframe src="https://static.jsredir.info/f.html" width="0" height="0" style="border:0"></iframe>',
];

function afterBody(html: string, snippet: string): string {
  const m = /<body[^>]*>/i.exec(html);
  return m ? html.slice(0, m.index + m[0].length) + snippet + html.slice(m.index + m[0].length) : snippet + html;
}

function beforeBodyEnd(html: string, snippet: string): string {
  const at = html.toLowerCase().lastIndexOf('</body>');
  return at < 0 ? html + snippet : html.slice(0, at) + snippet + html.slice(at);
}

const INJECTIONS: ReadonlyArray<{
  name: string;
  apply: (html: string, i: number) => { main: string; googlebot?: string };
}> = [
  {
    name: 'hidden gambling links',
    apply: (h, i) => ({ main: (i % 2 === 0 ? beforeBodyEnd : afterBody)(h, hiddenLinksBlock(i)) }),
  },
  { name: '"hacked by" banner', apply: (h, i) => ({ main: afterBody(h, banner(i)) }) },
  { name: 'spam only for Googlebot', apply: (h, i) => ({ main: h, googlebot: beforeBodyEnd(h, cloakedSpam(i)) }) },
  {
    name: 'script redirect off-site',
    apply: (h, i) => ({ main: (i % 2 === 0 ? afterBody : beforeBodyEnd)(h, redirectScript(i)) }),
  },
  { name: 'foreign iframe', apply: (h, i) => ({ main: beforeBodyEnd(h, IFRAMES[i % IFRAMES.length]!) }) },
];

/**
 * Legitimate news a portal publishes, above all in holiday alerts: about hacking, about police
 * busting gambling rings, lottery results. Written here; each must leave the page `clean`.
 */
const NEWS: ReadonlyArray<{ name: string; html: (i: number) => string }> = [
  {
    name: 'hacking headlines in a news list',
    html: (i) =>
      `<div class="news"><h2>Tin an ninh mạng</h2><ul>${[
        'Cảnh báo: nhiều trang thông tin điện tử bị hack bởi nhóm tin tặc nước ngoài dịp Quốc khánh',
        'County website hacked by a foreign group; officials restore service within hours',
        'Hàng loạt website giáo dục bị hack bởi các đối tượng chèn quảng cáo cờ bạc',
        'Sitio del ministerio hackeado por un grupo desconocido, informa la policía',
        'Khuyến cáo cập nhật bản vá sau khi website của một sở bị hack',
      ]
        .map((t, k) => `<li><a href="/news/${i}-${k}.html">${t}</a> <span>0${k + 1}/09/2025</span></li>`)
        .join('')}</ul></div>`,
  },
  {
    name: 'a hacking report in an article',
    html: () =>
      '<div class="article"><h3>Bảo đảm an toàn thông tin dịp lễ</h3><p>Theo cơ quan chức năng, trong năm qua hàng trăm website của cơ quan nhà nước đã bị tấn công thay đổi giao diện. Nhiều trang bị hack bởi các nhóm tin tặc để chèn liên kết quảng cáo. Các đơn vị được yêu cầu rà soát, vá lỗ hổng và sao lưu dữ liệu định kỳ.</p><p>Last year several state portals were hacked by a criminal group that planted gambling links; agencies are asked to patch their systems.</p></div>',
  },
  {
    name: 'police busting a gambling ring',
    html: () =>
      '<div class="article"><h3>Triệt phá đường dây đánh bạc qua mạng</h3><p>Công an tỉnh vừa triệt phá đường dây tổ chức đánh bạc, cá độ bóng đá qua mạng với số tiền giao dịch hơn 500 tỷ đồng. Các đối tượng sử dụng trang web nhà cái nước ngoài để tổ chức cá cược. Cơ quan điều tra đã khởi tố vụ án theo Điều 322 Bộ luật Hình sự về tội tổ chức đánh bạc.</p></div>',
  },
  {
    name: 'lottery results',
    html: (i) =>
      `<div class="box"><h3>Kết quả xổ số kiến thiết ngày ${(i % 28) + 1}/11/2025</h3><table><tr><td>Giải đặc biệt</td><td>${String(100000 + i * 7919).slice(-6)}</td></tr><tr><td>Giải nhất</td><td>${String(20000 + i * 131).slice(-5)}</td></tr><tr><td>Giải nhì</td><td>38291 - 10422</td></tr><tr><td>Giải ba</td><td>55120 - 90313 - 27781</td></tr></table><p>Công ty Xổ số kiến thiết tỉnh thông báo kết quả mở thưởng.</p></div>`,
  },
];

// ---------------------------------------------------------------------------------------------

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

function describe(o: Outcome): string {
  const d = o.analysis.defacement;
  const top = d.signals
    .slice(0, 4)
    .map((s) => `${s.kind} ${s.weight}`)
    .join(', ');
  return `  ${o.file}: ${d.verdict} (score ${d.score}${top ? `; ${top}` : ''})`;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { verbose: { type: 'boolean', default: false } },
  });
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const corpus = path.resolve(positionals[0] ?? path.join(root, '..', 'shared', 'corpus'));
  const legit = loadLegit(corpus);
  const defacedDir = path.join(corpus, 'defaced');
  const defaced = readdirSync(defacedDir)
    .filter((f) => /\.html?$/.test(f))
    .sort();
  const edgiDir = path.join(corpus, 'edgi-pairs');
  const edgi = readdirSync(edgiDir)
    .filter((f) => /-a\.html$/.test(f))
    .sort();

  // Warm-up (production runs warm over thousands of sites), then record the cases to time.
  for (const page of legit) runSequence(page);
  recording = true;

  const outcomes: Outcome[] = [];
  const learned: { page: LegitPage; baseline: Baseline; latest: string }[] = [];
  for (const page of legit) {
    const { outcomes: seq, baseline } = runSequence(page);
    outcomes.push(...seq);
    if (baseline !== null) learned.push({ page, baseline, latest: page.versions[page.versions.length - 1]!.html });
  }

  defaced.forEach((file, i) => {
    const host = learned[i % learned.length]!;
    const html = readFileSync(path.join(defacedDir, file), 'utf8');
    const { analysis } = judge(html, host.page.url, host.baseline);
    outcomes.push({
      category: 'defaced',
      file: `defaced/${file} (in place of ${host.page.name})`,
      ok: analysis.defacement.verdict === 'defaced',
      analysis,
    });
    // The same without the registry's names: what the identity signal adds (informational).
    const nameless = judgeUntimed(html, host.page.url, host.baseline, { names: [] }).analysis;
    outcomes.push({
      category: 'defaced, site names not given (info)',
      file: `defaced/${file} (in place of ${host.page.name})`,
      ok: nameless.defacement.verdict === 'defaced',
      analysis: nameless,
    });
    // Also as a first observation with no baseline (informational: TOFU must not adopt it).
    const first = judge(html, host.page.url, null).analysis;
    outcomes.push({
      category: 'defaced, no baseline (info)',
      file: `defaced/${file}`,
      ok: first.defacement.verdict !== 'clean',
      analysis: first,
    });
  });

  for (const a of edgi) {
    const b = a.replace(/-a\.html$/, '-b.html');
    const url = `https://www.example.gov/${a.replace(/-a\.html$/, '')}`;
    const before = judge(readFileSync(path.join(edgiDir, a), 'utf8'), url, null);
    const baseline = createBaseline(before.model, NOW);
    const { analysis } = judge(readFileSync(path.join(edgiDir, b), 'utf8'), url, baseline);
    const truepos = a.startsWith('truepos');
    outcomes.push({
      category: truepos ? 'edgi truepos (≤ suspected)' : 'edgi falsepos (clean)',
      file: `edgi-pairs/${b}`,
      ok: truepos ? analysis.defacement.verdict !== 'defaced' : analysis.defacement.verdict === 'clean',
      analysis,
    });
  }

  // A redesign: a large page of another site's template in place of a large page (both ways).
  // It changes everything a defacement changes except the attack: at most suspected.
  const bigLegit = learned.filter((l) => l.latest.length >= 40_000);
  const edgiPages = readdirSync(edgiDir)
    .filter((f) => /\.html?$/.test(f))
    .sort();
  // A redesign still says whose site it is: the new template's title names the site, as any
  // agency's would; the same page without the name stands for a page that lost its identity (info).
  bigLegit.slice(0, 12).forEach(({ page, baseline }, i) => {
    const other = edgiPages[i % edgiPages.length]!;
    const otherHtml = readFileSync(path.join(edgiDir, other), 'utf8');
    const { analysis } = judge(withSiteName(otherHtml, SITE_NAMES[0]!), page.url, baseline);
    outcomes.push({
      category: 'redesign (≤ suspected)',
      file: `edgi-pairs/${other} in place of ${page.name}`,
      ok: analysis.defacement.verdict !== 'defaced',
      analysis,
    });
    const nameless = judgeUntimed(otherHtml, page.url, baseline).analysis;
    outcomes.push({
      category: "another agency's page in place, site not named (info)",
      file: `edgi-pairs/${other} in place of ${page.name}`,
      ok: nameless.defacement.verdict !== 'clean',
      analysis: nameless,
    });
    const before = judge(readFileSync(path.join(edgiDir, other), 'utf8'), page.url, null).model;
    const redesigned = judge(page.versions[0]!.html, page.url, createBaseline(before, NOW, SITE_NAMES)).analysis;
    outcomes.push({
      category: 'redesign (≤ suspected)',
      file: `${page.name} in place of edgi-pairs/${other}`,
      ok: redesigned.defacement.verdict !== 'defaced',
      analysis: redesigned,
    });
  });

  learned.forEach(({ page, baseline, latest }, i) => {
    for (const inj of INJECTIONS) {
      const { main: html, googlebot } = inj.apply(latest, i);
      const variants = googlebot === undefined ? undefined : { googlebot: extractPageModel(googlebot, page.url) };
      const { analysis } = judge(html, page.url, baseline, { variants });
      outcomes.push({
        category: `injection: ${inj.name}`,
        file: page.name,
        ok: analysis.defacement.verdict !== 'clean',
        analysis,
      });
    }
  });

  learned.forEach(({ page, baseline, latest }, i) => {
    for (const news of NEWS) {
      const { analysis } = judgeUntimed(beforeBodyEnd(latest, news.html(i)), page.url, baseline);
      outcomes.push({
        category: `news (clean): ${news.name}`,
        file: page.name,
        ok: analysis.defacement.verdict === 'clean',
        analysis,
      });
    }
  });

  recording = false;
  const cpuSamples = timeCases(timedCases);

  // ---- Report
  const categories = [...new Set(outcomes.map((o) => o.category))];
  console.log(`bench:detect — corpus ${corpus}`);
  console.log(
    `${legit.length} legit sequences, ${defaced.length} defaced pages, ${edgi.length} edgi pairs, ${INJECTIONS.length} injections × ${learned.length} pages\n`,
  );
  console.log(`${pad('category', 54)} ${pad('cases', 6)} ${pad('pass', 6)} ${pad('rate', 8)} clean/suspected/defaced`);
  for (const c of categories) {
    const rows = outcomes.filter((o) => o.category === c);
    const pass = rows.filter((o) => o.ok).length;
    const v = (name: string) => rows.filter((o) => o.analysis.defacement.verdict === name).length;
    console.log(
      `${pad(c, 54)} ${pad(String(rows.length), 6)} ${pad(String(pass), 6)} ${pad(`${((pass / rows.length) * 100).toFixed(1)} %`, 8)} ${v('clean')}/${v('suspected')}/${v('defaced')}`,
    );
  }

  const legitRows = outcomes.filter((o) => o.category === 'legit' || o.category === 'edgi falsepos (clean)');
  const falseAlarms = legitRows.filter((o) => !o.ok).length;
  const defacedRows = outcomes.filter((o) => o.category === 'defaced');
  const detected = defacedRows.filter((o) => o.ok).length;
  const injRows = outcomes.filter((o) => o.category.startsWith('injection'));
  const caught = injRows.filter((o) => o.ok).length;
  const injDefaced = injRows.filter((o) => o.analysis.defacement.verdict === 'defaced').length;
  const truepos = outcomes.filter((o) => o.category.startsWith('edgi truepos'));

  const bigSamples = cpuSamples.filter((s) => s.bytes >= 50_000);
  const big = bigSamples.map((s) => (s.ms * 200_000) / s.bytes).sort((a, b) => a - b);
  const extractOnly = bigSamples.map((s) => (s.extractMs * 200_000) / s.bytes).sort((a, b) => a - b);
  const floor = bigSamples.map((s) => (s.floorMs * 200_000) / s.bytes).sort((a, b) => a - b);
  const ownTokenizer = bigSamples.map((s) => (s.ownTokenizerMs * 200_000) / s.bytes).sort((a, b) => a - b);
  const perPage = cpuSamples.map((s) => s.ms).sort((a, b) => a - b);
  const detectionRate = (detected / defacedRows.length) * 100;
  const falseRate = (falseAlarms / legitRows.length) * 100;
  const injRate = (caught / injRows.length) * 100;
  const med200 = percentile(big, 0.5);

  console.log('\nTargets');
  const status = (ok: boolean) => (ok ? 'met' : 'MISSED');
  console.log(
    `  defacements detected (verdict defaced)  ${detected}/${defacedRows.length} = ${detectionRate.toFixed(1)} %   target ≥ ${TARGET_DETECTION} %   ${status(detectionRate >= TARGET_DETECTION)}`,
  );
  console.log(
    `  false alarms (legit + edgi falsepos)    ${falseAlarms}/${legitRows.length} = ${falseRate.toFixed(2)} %   target ${TARGET_FALSE_ALARMS} %   ${status(falseRate <= TARGET_FALSE_ALARMS)}`,
  );
  console.log(
    `  injections caught (suspected|defaced)   ${caught}/${injRows.length} = ${injRate.toFixed(1)} %   target ${TARGET_INJECTIONS} %   ${status(injRate >= TARGET_INJECTIONS)}  (${injDefaced} reach defaced)`,
  );
  console.log(`  edgi truepos never defaced              ${truepos.filter((o) => o.ok).length}/${truepos.length}`);
  const redesigns = outcomes.filter((o) => o.category.startsWith('redesign'));
  const redesignsDefaced = redesigns.filter((o) => !o.ok).length;
  console.log(
    `  redesigns never defaced                 ${redesigns.length - redesignsDefaced}/${redesigns.length}   target all   ${status(redesignsDefaced === 0)}`,
  );
  const newsRows = outcomes.filter((o) => o.category.startsWith('news (clean)'));
  const newsClean = newsRows.filter((o) => o.ok).length;
  const newsRate = (newsClean / newsRows.length) * 100;
  console.log(
    `  news clean (hacking, gambling bust, lottery) ${newsClean}/${newsRows.length} = ${newsRate.toFixed(1)} %   target ${TARGET_NEWS_CLEAN} %   ${status(newsRate >= TARGET_NEWS_CLEAN)}`,
  );
  console.log(
    `  CPU per 200 KB (pages ≥ 50 KB, n=${big.length})  median ${med200.toFixed(2)} ms, p95 ${percentile(big, 0.95).toFixed(2)} ms   target ≤ ${TARGET_MS_PER_200KB} ms   ${status(med200 <= TARGET_MS_PER_200KB)}`,
  );
  console.log(
    `    of which extractPageModel                         median ${percentile(extractOnly, 0.5).toFixed(2)} ms, p95 ${percentile(extractOnly, 0.95).toFixed(2)} ms`,
  );
  console.log(
    `  yardstick: htmlparser2's Tokenizer alone, per 200 KB   median ${percentile(floor, 0.5).toFixed(2)} ms, p95 ${percentile(floor, 0.95).toFixed(2)} ms`,
  );
  console.log(
    `  our tokenizer alone (html-tokenizer.ts), per 200 KB   median ${percentile(ownTokenizer, 0.5).toFixed(2)} ms, p95 ${percentile(ownTokenizer, 0.95).toFixed(2)} ms`,
  );
  console.log(
    `  CPU per page (all ${perPage.length} analysed pages)        median ${percentile(perPage, 0.5).toFixed(2)} ms, p95 ${percentile(perPage, 0.95).toFixed(2)} ms, max ${perPage[perPage.length - 1]!.toFixed(2)} ms`,
  );

  // updateBaseline runs after every clean observation: its cost, per 200 KB of the page it learns.
  const updates = learned
    .filter((l) => l.latest.length >= 50_000)
    .map(({ baseline, latest, page }) => {
      const model = extractPageModel(latest, page.url);
      let best = Infinity;
      for (let r = 0; r < REPEATS; r++) {
        const t0 = process.cpuUsage();
        updateBaseline(baseline, model, NOW, namesFor(page.url));
        const t = process.cpuUsage(t0);
        best = Math.min(best, (t.user + t.system) / 1000);
      }
      return (best * 200_000) / latest.length;
    })
    .sort((a, b) => a - b);
  console.log(
    `  updateBaseline per 200 KB (not in the above)         median ${percentile(updates, 0.5).toFixed(2)} ms`,
  );

  const sizes = learned.map(({ baseline }) => ({ bytes: JSON.stringify(baseline).length }));
  const sortedSizes = sizes.map((s) => s.bytes).sort((a, b) => a - b);
  console.log(
    `  baseline JSON size                      median ${(percentile(sortedSizes, 0.5) / 1024).toFixed(1)} KB, max ${(sortedSizes[sortedSizes.length - 1]! / 1024).toFixed(1)} KB`,
  );

  const misses = outcomes.filter((o) => !o.ok && !o.category.includes('(info)'));
  if (misses.length > 0) {
    console.log('\nMisses');
    for (const c of categories) {
      const rows = misses.filter((o) => o.category === c);
      if (rows.length === 0) continue;
      console.log(`${c}:`);
      for (const o of rows) console.log(describe(o));
    }
  }
  if (values.verbose) {
    console.log('\nAll non-clean legit and all defaced outcomes');
    for (const o of outcomes)
      if (o.category === 'defaced' || (o.category === 'legit' && o.analysis.defacement.verdict !== 'clean'))
        console.log(describe(o));
  }
  const allMet =
    detectionRate >= TARGET_DETECTION &&
    falseRate <= TARGET_FALSE_ALARMS &&
    redesignsDefaced === 0 &&
    injRate >= TARGET_INJECTIONS &&
    newsRate >= TARGET_NEWS_CLEAN &&
    med200 <= TARGET_MS_PER_200KB;
  // The figures as one JSON object, the last line, for comparing runs by script.
  const round = (n: number, digits = 2) => Number(n.toFixed(digits));
  console.log(
    JSON.stringify({
      defaced_pct: round(detectionRate, 1),
      false_alarm_pct: round(falseRate),
      redesigns_defaced: redesignsDefaced,
      injections_pct: round(injRate, 1),
      injections_defaced: injDefaced,
      news_clean_pct: round(newsRate, 1),
      ms_per_200kb: round(med200),
      extract_ms_per_200kb: round(percentile(extractOnly, 0.5)),
      floor_ms_per_200kb: round(percentile(floor, 0.5)),
      tokenizer_ms_per_200kb: round(percentile(ownTokenizer, 0.5)),
    }),
  );
  process.exitCode = allMet ? 0 : 1;
}

main();
