import { DEMO_PORTALS } from './demo-portals.ts';
import { hashString, pick, randomInt, seededRandom } from './random.ts';

/**
 * Page bodies for simulated portals. Everything here is deterministic: the same portal always gets
 * the same bytes, so a page is stable across runs the way a real home page is between edits.
 */

/** Fictional places, so that no page pretends to be a real province. */
const PLACES = [
  'Ví Dụ',
  'Sông Mây',
  'Vân Lĩnh',
  'Bình Mẫu',
  'Hòa Thử',
  'Lam Nguyên',
  'Đông Sơn Mẫu',
  'Phú Giả Định',
  'Ngọc Khê',
  'Thanh Vân',
];

const STREETS = [
  'Trần Hưng Đạo',
  'Lê Lợi',
  'Hùng Vương',
  'Nguyễn Trãi',
  'Lý Thường Kiệt',
  'Hai Bà Trưng',
  'Quang Trung',
  'Phan Bội Châu',
];

const MENU: readonly (readonly [string, string, readonly string[]])[] = [
  ['/', 'Trang chủ', []],
  ['/gioi-thieu', 'Giới thiệu', ['Lịch sử hình thành', 'Chức năng, nhiệm vụ', 'Cơ cấu tổ chức', 'Lãnh đạo']],
  ['/tin-tuc', 'Tin tức - Sự kiện', ['Tin hoạt động', 'Chỉ đạo điều hành', 'Kinh tế - Xã hội', 'Văn hóa - Thể thao']],
  ['/van-ban', 'Văn bản pháp luật', ['Văn bản quy phạm pháp luật', 'Văn bản chỉ đạo', 'Dự thảo lấy ý kiến']],
  ['/dich-vu-cong', 'Dịch vụ công', ['Thủ tục hành chính', 'Tra cứu hồ sơ', 'Thanh toán trực tuyến']],
  ['/hoi-dap', 'Hỏi đáp', []],
  ['/lien-he', 'Liên hệ', []],
];

/** Paths that render the home page; anything else is a 404, as on a real portal. */
export const PORTAL_PATHS = new Set(['/', '/index.html', ...MENU.map(([path]) => path)]);

const HEADLINES = [
  'Hội nghị tổng kết công tác năm và triển khai nhiệm vụ trọng tâm của tỉnh {place}',
  'Lãnh đạo tỉnh {place} tiếp và làm việc với đoàn công tác của Trung ương',
  'Đẩy mạnh chuyển đổi số trong cơ quan nhà nước trên địa bàn tỉnh {place}',
  'Khởi công xây dựng tuyến đường liên huyện nối trung tâm tỉnh với vùng ven biển',
  'Tăng cường công tác phòng, chống thiên tai và tìm kiếm cứu nạn mùa mưa bão',
  'Công bố danh mục thủ tục hành chính mới ban hành trong lĩnh vực đất đai',
  'Tuyên dương học sinh đạt giải trong kỳ thi chọn học sinh giỏi quốc gia',
  'Đoàn kiểm tra liên ngành làm việc về an toàn vệ sinh thực phẩm dịp cuối năm',
  'Phát động phong trào thi đua yêu nước giai đoạn mới tại tỉnh {place}',
  'Triển khai tiêm chủng mở rộng cho trẻ em tại các trạm y tế xã, phường',
  'Hội thảo thúc đẩy liên kết sản xuất và tiêu thụ nông sản đặc trưng',
  'Kỳ họp thứ mười một Hội đồng nhân dân tỉnh {place} khóa mới thành công tốt đẹp',
  'Ra mắt Trung tâm giám sát, điều hành đô thị thông minh của tỉnh',
  'Hướng dẫn người dân nộp hồ sơ trực tuyến qua Cổng dịch vụ công',
  'Tỉnh {place} thu hút thêm nhiều dự án đầu tư vào khu công nghiệp',
  'Lễ hội văn hóa, thể thao các dân tộc thu hút đông đảo nhân dân tham gia',
  'Tổng kết chương trình mục tiêu quốc gia xây dựng nông thôn mới',
  'Cải cách hành chính: rút ngắn thời gian giải quyết hồ sơ đăng ký doanh nghiệp',
  'Tập huấn nghiệp vụ bảo đảm an toàn thông tin cho cán bộ, công chức',
  'Thông báo lịch tiếp công dân định kỳ của Chủ tịch Ủy ban nhân dân tỉnh',
  'Hỗ trợ hộ nghèo, gia đình chính sách đón Tết cổ truyền ấm áp, đầm ấm',
  'Kiểm tra tiến độ giải ngân vốn đầu tư công tại các huyện, thị xã',
  'Phát triển du lịch cộng đồng gắn với bảo tồn di sản văn hóa địa phương',
  'Hội nghị đối thoại giữa lãnh đạo tỉnh với doanh nghiệp và nhà đầu tư',
];

const SUMMARIES = [
  'Tại hội nghị, các đại biểu đã thảo luận, đánh giá kết quả đạt được và chỉ ra những tồn tại, hạn chế cần khắc phục trong thời gian tới.',
  'Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành và địa phương khẩn trương triển khai, bảo đảm đúng tiến độ và chất lượng.',
  'Theo báo cáo, đến nay đã có hơn chín mươi phần trăm hồ sơ được tiếp nhận và trả kết quả đúng hạn trên môi trường điện tử.',
  'Đây là hoạt động thiết thực nhằm nâng cao chất lượng phục vụ người dân và doanh nghiệp, góp phần cải thiện chỉ số năng lực cạnh tranh.',
  'Phát biểu chỉ đạo, đồng chí Phó Chủ tịch Ủy ban nhân dân tỉnh đề nghị các đơn vị phối hợp chặt chẽ, quyết liệt trong tổ chức thực hiện.',
  'Chương trình nhận được sự hưởng ứng tích cực của cán bộ, đảng viên và các tầng lớp nhân dân trên địa bàn.',
  'Dự án có tổng mức đầu tư hàng trăm tỷ đồng, dự kiến hoàn thành và đưa vào sử dụng trong năm tới.',
  'Người dân có thể tra cứu thông tin, nộp hồ sơ và theo dõi tiến độ giải quyết mọi lúc, mọi nơi thông qua thiết bị có kết nối Internet.',
  'Ban tổ chức đã trao giấy khen cho các tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua.',
  'Các ngành chức năng tăng cường kiểm tra, giám sát, kịp thời phát hiện và xử lý nghiêm các trường hợp vi phạm.',
  'Sự kiện là dịp để quảng bá hình ảnh quê hương, con người và tiềm năng phát triển kinh tế - xã hội của địa phương.',
  'Đoàn công tác đánh giá cao những nỗ lực của tỉnh trong việc thực hiện các chỉ tiêu kinh tế, xã hội, quốc phòng và an ninh.',
];

const DOCUMENT_KINDS = ['Quyết định', 'Công văn', 'Kế hoạch', 'Chỉ thị', 'Thông báo', 'Nghị quyết'];

const DOCUMENT_SUBJECTS = [
  'ban hành Quy chế quản lý, vận hành Cổng thông tin điện tử',
  'triển khai thực hiện Đề án phát triển ứng dụng dữ liệu về dân cư',
  'công bố danh mục thủ tục hành chính được chuẩn hóa',
  'tăng cường công tác bảo đảm an toàn, an ninh mạng',
  'phê duyệt kế hoạch lựa chọn nhà thầu dự án hạ tầng kỹ thuật',
  'tổ chức các hoạt động kỷ niệm ngày lễ lớn trong năm',
  'giao chỉ tiêu kế hoạch phát triển kinh tế - xã hội',
  'kiện toàn Ban chỉ đạo chuyển đổi số của tỉnh',
];

export interface PortalIdentity {
  /** e.g. "Cổng thông tin điện tử tỉnh Ví Dụ". */
  readonly title: string;
  /** The body in the banner's first line, e.g. "Ủy ban nhân dân tỉnh Ví Dụ". */
  readonly agency: string;
  readonly place: string;
}

/** Names a portal: a demo portal's own name, else a fictional province picked from the slug. */
export function portalIdentity(portal: string | undefined): PortalIdentity {
  const demo = portal === undefined ? undefined : DEMO_PORTALS.find((candidate) => candidate.id === portal);
  if (demo) {
    const place = PLACES.find((name) => demo.name.includes(name)) ?? 'Ví Dụ';
    const title = demo.name.startsWith('Cổng thông tin') ? demo.name : `Cổng thông tin điện tử ${demo.name}`;
    return { title, agency: demo.agency, place };
  }
  const place = portal === undefined ? 'Ví Dụ' : (PLACES[hashString(portal) % PLACES.length] ?? 'Ví Dụ');
  return { title: `Cổng thông tin điện tử tỉnh ${place}`, agency: `Ủy ban nhân dân tỉnh ${place}`, place };
}

export interface PortalPageOptions {
  readonly identity: PortalIdentity;
  /** Seeds the choice of news, dates and numbers. */
  readonly seed: number;
  /** Approximate size of the UTF-8 body; news items are added until it is reached. */
  readonly targetBytes: number;
  /** Declared in `<meta charset>`; the caller encodes the text accordingly. */
  readonly charset?: string;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function dateOf(random: () => number): { iso: string; vi: string } {
  const year = 2025;
  const month = randomInt(random, 1, 12);
  const day = randomInt(random, 1, 28);
  const mm = String(month).padStart(2, '0');
  const dd = String(day).padStart(2, '0');
  return { iso: `${year}-${mm}-${dd}`, vi: `${dd}/${mm}/${year}` };
}

const slugCache = new Map<string, string>();

/** `"Tin hoạt động", 3` -> `"tin-hoat-dong-3"`: the ASCII slugs Vietnamese CMSs put in URLs. */
function slugOf(text: string, id: number): string {
  let ascii = slugCache.get(text);
  if (ascii === undefined) {
    ascii = asciiSlug(text);
    if (slugCache.size < 10_000) slugCache.set(text, ascii);
  }
  return `${ascii}-${id}`;
}

function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

interface Headline {
  readonly html: string;
  readonly slug: string;
}

const headlineCache = new Map<string, readonly Headline[]>();

/** Headlines with the place filled in, escaped and slugged once per place (pages are built in bulk). */
function headlinesFor(place: string): readonly Headline[] {
  let headlines = headlineCache.get(place);
  if (!headlines) {
    headlines = HEADLINES.map((template) => {
      const text = template.replaceAll('{place}', place);
      return { html: escapeHtml(text), slug: asciiSlug(text) };
    });
    if (headlineCache.size < 1000) headlineCache.set(place, headlines);
  }
  return headlines;
}

/**
 * A home page in the shape most Vietnamese provincial portals share: national emblem banner, a
 * menu with sub-menus, featured story, news list, legal documents table, side links, and a footer
 * with the publisher's address and licence. Returned as a string; the caller encodes it.
 */
export function renderPortalPage(options: PortalPageOptions): string {
  const { identity } = options;
  const random = seededRandom(options.seed);
  const charset = options.charset ?? 'utf-8';
  const street = pick(random, STREETS);
  const phone = `0${randomInt(random, 200, 299)} ${randomInt(random, 3_800_000, 3_899_999)}`;
  const fill = (template: string) => template.replaceAll('{place}', identity.place);
  const headlines = headlinesFor(identity.place);

  const head = `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="${charset}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(identity.title)}</title>
<meta name="description" content="${escapeHtml(identity.title)} - Thông tin chính thức của ${escapeHtml(identity.agency)}">
<link rel="icon" href="/favicon.ico">
<link rel="stylesheet" href="/static/css/portal.min.css?v=${options.seed % 1000}">
<style>
body{margin:0;font-family:Arial,Helvetica,sans-serif;color:#222;background:#f4f4f4}
.banner{background:#b71c1c;color:#fff;display:flex;align-items:center;padding:12px 24px}
.banner img{width:72px;height:72px;margin-right:16px}
.banner .co-quan{font-size:15px;text-transform:uppercase;margin:0}
.banner h1{font-size:26px;margin:4px 0 0;text-transform:uppercase}
nav.menu{background:#8e0000}nav.menu ul{list-style:none;margin:0;padding:0;display:flex}
nav.menu li{position:relative}nav.menu a{color:#fff;display:block;padding:10px 14px;text-decoration:none}
nav.menu li ul{display:none;position:absolute;background:#fff;min-width:220px}
nav.menu li:hover ul{display:block}nav.menu li ul a{color:#333}
.container{max-width:1200px;margin:0 auto;display:grid;grid-template-columns:3fr 1fr;gap:20px;padding:16px}
.tin-bai{display:flex;gap:12px;border-bottom:1px dotted #ccc;padding:10px 0}
.tin-bai img{width:160px;height:100px;object-fit:cover}
.tin-bai time{color:#888;font-size:12px}
table.van-ban{width:100%;border-collapse:collapse}table.van-ban td,table.van-ban th{border:1px solid #ddd;padding:6px}
footer{background:#333;color:#ddd;padding:20px 24px;font-size:13px}
</style>
</head>
<body>
<header class="banner">
<a href="/"><img src="/static/images/quoc-huy.png" alt="Quốc huy nước Cộng hòa xã hội chủ nghĩa Việt Nam"></a>
<div><p class="co-quan">${escapeHtml(identity.agency)}</p><h1>${escapeHtml(identity.title)}</h1></div>
<form class="tim-kiem" action="/tim-kiem" method="get"><input type="search" name="q" placeholder="Nhập từ khóa tìm kiếm..."><button type="submit">Tìm kiếm</button></form>
</header>
<nav class="menu"><ul>
${MENU.map(
  ([path, label, children]) =>
    `<li><a href="${path}">${label}</a>${
      children.length > 0
        ? `<ul>${children.map((child, index) => `<li><a href="${path}/${slugOf(child, index + 1)}">${child}</a></li>`).join('')}</ul>`
        : ''
    }</li>`,
).join('\n')}
</ul></nav>
<div class="chay-chu"><marquee>Chào mừng quý vị đến với ${escapeHtml(identity.title)}. Đường dây nóng: ${phone}</marquee></div>
<div class="container">
<main>
`;

  const featuredHeadline = fill(pick(random, HEADLINES));
  const featured = `<section class="tin-noi-bat">
<h2>Tin nổi bật</h2>
<article><a href="/tin-tuc/${slugOf(featuredHeadline, 1)}.html"><img src="/uploads/tin-noi-bat-1.jpg" alt="${escapeHtml(featuredHeadline)}"></a>
<h3><a href="/tin-tuc/${slugOf(featuredHeadline, 1)}.html">${escapeHtml(featuredHeadline)}</a></h3>
<p>${pick(random, SUMMARIES)} ${pick(random, SUMMARIES)} ${pick(random, SUMMARIES)}</p></article>
</section>
`;

  const documents: string[] = [];
  for (let i = 1; i <= 12; i++) {
    const kind = pick(random, DOCUMENT_KINDS);
    const date = dateOf(random);
    documents.push(
      `<tr><td>${randomInt(random, 100, 3999)}/${kind === 'Quyết định' ? 'QĐ' : kind === 'Công văn' ? 'UBND-KT' : 'KH'}-UBND</td><td>${kind} ${pick(random, DOCUMENT_SUBJECTS)}</td><td><time datetime="${date.iso}">${date.vi}</time></td></tr>`,
    );
  }
  const tail = `</section>
<section class="van-ban-moi">
<h2>Văn bản mới ban hành</h2>
<table class="van-ban"><thead><tr><th>Số, ký hiệu</th><th>Trích yếu</th><th>Ngày ban hành</th></tr></thead><tbody>
${documents.join('\n')}
</tbody></table>
</section>
</main>
<aside>
<section class="dich-vu-cong"><h2>Dịch vụ công trực tuyến</h2><ul>
<li><a href="/dich-vu-cong/nop-ho-so">Nộp hồ sơ trực tuyến</a></li>
<li><a href="/dich-vu-cong/tra-cuu">Tra cứu tình trạng hồ sơ</a></li>
<li><a href="/dich-vu-cong/danh-gia">Đánh giá sự hài lòng</a></li>
</ul></section>
<section class="lien-ket"><h2>Liên kết website</h2><select onchange="window.open(this.value)"><option>-- Chọn liên kết --</option><option value="/lien-ket/cong-dich-vu-cong">Cổng Dịch vụ công</option><option value="/lien-ket/co-so-du-lieu-van-ban">Cơ sở dữ liệu văn bản</option></select></section>
<section class="thong-ke"><h2>Thống kê truy cập</h2><p>Đang truy cập: <b>${randomInt(random, 20, 400)}</b></p><p>Tổng lượt truy cập: <b>${randomInt(random, 1_000_000, 9_999_999).toLocaleString('vi-VN')}</b></p></section>
</aside>
</div>
<footer>
<p><b>${escapeHtml(identity.title)}</b></p>
<p>Cơ quan chủ quản: ${escapeHtml(identity.agency)}</p>
<p>Địa chỉ: Số ${randomInt(random, 1, 199)} đường ${street}, phường Trung Tâm, tỉnh ${escapeHtml(identity.place)}</p>
<p>Điện thoại: ${phone} - Email: banbientap@${slugOf(identity.place, 0).replace(/-0$/, '').replace(/-/g, '')}.gov.example</p>
<p>Giấy phép số ${randomInt(random, 10, 99)}/GP-TTĐT do Cục Phát thanh, truyền hình và thông tin điện tử cấp.</p>
<p>Ghi rõ nguồn "${escapeHtml(identity.title)}" khi phát hành lại thông tin từ website này.</p>
</footer>
</body>
</html>
`;

  const parts = [head, featured, '<section class="tin-tuc">\n<h2>Tin tức - Sự kiện</h2>\n'];
  let size = parts.reduce((total, part) => total + Buffer.byteLength(part), Buffer.byteLength(tail));
  for (let id = 2; size < options.targetBytes || id < 4; id++) {
    const headline = pick(random, headlines);
    const date = dateOf(random);
    const href = `/tin-tuc/${headline.slug}-${id}.html`;
    const item = `<article class="tin-bai"><a href="${href}"><img src="/uploads/tin-${id}.jpg" alt="" loading="lazy"></a><div><h3><a href="${href}">${headline.html}</a></h3><time datetime="${date.iso}">${date.vi}</time><p>${pick(random, SUMMARIES)} ${pick(random, SUMMARIES)}</p></div></article>\n`;
    parts.push(item);
    size += Buffer.byteLength(item);
  }
  parts.push(tail);
  return parts.join('');
}

/** A short page in the style of a portal whose back end is down (served with 503). */
export function renderErrorPage(identity: PortalIdentity): string {
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>503 - Hệ thống đang bảo trì</title></head>
<body><h1>Hệ thống đang tạm thời gián đoạn</h1>
<p>${escapeHtml(identity.title)} đang được bảo trì hoặc quá tải. Xin quý vị vui lòng quay lại sau.</p>
<hr><address>nginx</address></body></html>
`;
}

/** What a lapsed or hijacked domain typically shows: a parking page of some other business. */
export function renderForeignPage(): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>This domain may be for sale</title></head>
<body><h1>This domain may be for sale</h1>
<p>Tên miền này đang được rao bán. Liên hệ để biết thêm chi tiết.</p>
<ul><li><a href="/bet">Online casino</a></li><li><a href="/loans">Fast loans</a></li></ul>
</body></html>
`;
}

export function renderNotFoundPage(): string {
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>404 - Không tìm thấy trang</title></head>
<body><h1>Không tìm thấy trang yêu cầu</h1><p><a href="/">Về trang chủ</a></p></body></html>
`;
}

/** The phrase the windows-1258 page is known to contain (tests decode and look for it). */
export const WINDOWS_1258_PHRASE = 'Ủy ban nhân dân tỉnh Sông Mây thông báo lịch tiếp công dân';
