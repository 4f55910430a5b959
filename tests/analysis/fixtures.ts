/**
 * Hand-written pages shaped like Vietnamese provincial portals (header, menu, news lists, footer)
 * and like the attacks seen on them. Nothing here is copied from the evaluation corpus.
 */
import { createBaseline, updateBaseline, type Baseline } from '../../checks/analysis/baseline.ts';
import { extractPageModel, type PageModel } from '../../checks/analysis/page-model.ts';

export const SITE = 'https://thanhhoa.gov.vn/';
export const NOW = new Date('2025-03-01T02:00:00Z');

const MENU = [
  'Giới thiệu',
  'Tin tức - Sự kiện',
  'Chỉ đạo điều hành',
  'Văn bản pháp luật',
  'Dịch vụ công',
  'Hỏi đáp',
  'Liên hệ',
];

export interface PortalOptions {
  readonly title?: string;
  /** News headlines for the rotating list. */
  readonly news?: readonly string[];
  /** Main article text (paragraphs). */
  readonly article?: readonly string[];
  /** Extra HTML right after <body>. */
  readonly top?: string;
  /** Extra HTML before </body>. */
  readonly bottom?: string;
  /** Extra HTML in <head>. */
  readonly head?: string;
  readonly lang?: string;
  readonly favicon?: string;
  readonly views?: number;
}

const NOTICES = [
  'Thông báo tuyển dụng công chức cấp xã năm 2025 trên địa bàn tỉnh',
  'Kế hoạch tổ chức kỳ thi tốt nghiệp trung học phổ thông năm 2025',
  'Quyết định phê duyệt quy hoạch chung đô thị Nghi Sơn đến năm 2045',
  'Lấy ý kiến nhân dân về dự thảo Nghị quyết của Hội đồng nhân dân tỉnh',
  'Công bố danh mục thủ tục hành chính mới ban hành lĩnh vực đất đai',
  'Hướng dẫn nộp hồ sơ trực tuyến trên Cổng dịch vụ công của tỉnh',
  'Thông báo kết quả lựa chọn nhà thầu gói thầu xây dựng trường học',
  'Lịch phát sóng chương trình Thanh Hóa ngày mới trên sóng truyền hình',
  'Báo cáo tình hình kinh tế - xã hội tháng 2 và hai tháng đầu năm 2025',
  'Chương trình hành động thực hiện Nghị quyết Đại hội Đảng bộ tỉnh',
  'Phương án phòng chống thiên tai và tìm kiếm cứu nạn năm 2025',
  'Thông báo về việc tạm dừng cung cấp điện để bảo dưỡng lưới điện',
];

const DEFAULT_NEWS = [
  'Hội nghị triển khai nhiệm vụ phát triển kinh tế - xã hội năm 2025',
  'Tỉnh ủy làm việc với Ban Thường vụ Huyện ủy Quảng Xương',
  'Khánh thành cầu Hoàng Long mới tại thành phố Thanh Hóa',
  'Đẩy mạnh chuyển đổi số trong cơ quan nhà nước',
  'Thông báo lịch tiếp công dân tháng 3 năm 2025',
  'Phát động phong trào thi đua yêu nước giai đoạn 2025 - 2030',
];

/** A provincial portal home page, about 6 KB; every part can be varied. */
export function portal(o: PortalOptions = {}): string {
  const news = (o.news ?? DEFAULT_NEWS)
    .map(
      (t, i) =>
        `<li class="news-item"><a href="/tin-tuc/${i + 100}.html">${t}</a><span class="date">0${(i % 9) + 1}/03/2025</span></li>`,
    )
    .join('\n');
  const article = (
    o.article ?? [
      'Sáng nay, Ủy ban nhân dân tỉnh Thanh Hóa tổ chức hội nghị tổng kết công tác năm 2024 và triển khai nhiệm vụ năm 2025.',
      'Đồng chí Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành tập trung cải cách thủ tục hành chính, nâng cao chất lượng dịch vụ công trực tuyến.',
      'Năm 2024, tốc độ tăng trưởng kinh tế của tỉnh ước đạt 12,16%, thu ngân sách nhà nước vượt dự toán, thu hút đầu tư tiếp tục khởi sắc với nhiều dự án lớn.',
      'Hội nghị cũng đánh giá những tồn tại, hạn chế trong công tác quản lý đất đai, giải phóng mặt bằng và đề ra các giải pháp khắc phục trong thời gian tới.',
    ]
  )
    .map((p) => `<p>${p}</p>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${o.lang ?? 'vi'}">
<head>
  <meta charset="utf-8">
  <title>${o.title ?? 'Cổng thông tin điện tử tỉnh Thanh Hóa'}</title>
  <link rel="icon" href="${o.favicon ?? '/favicon.ico'}">
  <link rel="stylesheet" href="/themes/portal/style.css">
  <link rel="canonical" href="https://thanhhoa.gov.vn/">
  <script src="/js/jquery.min.js"></script>
  <script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123"></script>
  ${o.head ?? ''}
</head>
<body>
${o.top ?? ''}
<div id="header" class="header">
  <div class="logo"><a href="/"><img src="/images/logo.png" alt="Quốc huy - Cổng thông tin điện tử tỉnh Thanh Hóa"></a></div>
  <div class="banner-text"><h1>Cổng thông tin điện tử tỉnh Thanh Hóa</h1></div>
  <form class="search" action="/tim-kiem" method="get"><input type="text" name="q"><button>Tìm kiếm</button></form>
</div>
<div id="menu"><ul class="main-menu">${MENU.map((m, i) => `<li><a href="/muc-${i}">${m}</a></li>`).join('')}</ul></div>
<div class="container">
  <div class="col-left">
    <div class="box hot-news"><h2>Tin nổi bật</h2><ul>${news}</ul></div>
    <div class="box article"><h2>Tin hoạt động</h2>${article}</div>
    <div class="box notices"><h2>Thông báo</h2><ul>${NOTICES.map((n, i) => `<li><a href="/thong-bao/${i}.html">${n}</a></li>`).join('\n')}</ul></div>
    <div class="box documents"><h2>Văn bản chỉ đạo, điều hành</h2><ul>${NOTICES.map((n, i) => `<li><a href="/van-ban/${i}.html">Công văn số ${1200 + i}/UBND-THKH về việc ${n.toLowerCase()}</a></li>`).join('\n')}</ul></div>
  </div>
  <div class="col-right">
    <div class="box links"><h3>Liên kết website</h3>
      <ul>
        <li><a href="https://chinhphu.vn/">Cổng Thông tin điện tử Chính phủ</a></li>
        <li><a href="https://dichvucong.gov.vn/">Cổng Dịch vụ công Quốc gia</a></li>
        <li><a href="https://baothanhhoa.vn/">Báo Thanh Hóa</a></li>
      </ul>
    </div>
    <div class="box video"><h3>Video</h3><iframe src="https://www.youtube.com/embed/abc123" width="300" height="200"></iframe></div>
    <div class="box stats"><h3>Thống kê truy cập</h3><p>Đang truy cập: 125</p><p>Tổng lượt truy cập: ${o.views ?? 10234567}</p></div>
  </div>
</div>
<div id="footer">
  <p>Cơ quan chủ quản: Ủy ban nhân dân tỉnh Thanh Hóa. Địa chỉ: 35 Đại lộ Lê Lợi, phường Lam Sơn, thành phố Thanh Hóa.</p>
  <p>Điện thoại: 0237.3852.345 - Email: congthongtin@thanhhoa.gov.vn</p>
</div>
${o.bottom ?? ''}
</body>
</html>`;
}

export function model(html: string, url = SITE): PageModel {
  return extractPageModel(html, url);
}

/** What the registry calls the fixture portal's site (`name`, `name_en`, `agency`): identityNames of its site file. */
export const SITE_NAMES = [
  'Cổng thông tin điện tử tỉnh Thanh Hóa',
  'Thanh Hoa Provincial Portal',
  'Ủy ban nhân dân tỉnh Thanh Hóa',
];

/** A baseline learned from several clean observations of the portal with rotating news; `names` are learned as the site's identity. */
export function learnedBaseline(observations = 5, names: readonly string[] = []): Baseline {
  let b: Baseline | null = null;
  for (let i = 0; i < observations; i++) {
    const news = DEFAULT_NEWS.map((t, k) => `${t} (${i * 7 + k})`).slice(i % 2, 6);
    const m = model(portal({ news, views: 10234567 + i * 1000 }));
    b = b === null ? createBaseline(m, NOW, names) : updateBaseline(b, m, NOW, names);
  }
  return b!;
}

/** The page a defacer leaves: small, black, loud. */
export const DEFACE_PAGE = `<html><head><title>Hacked by Mr.Kr4k3n</title>
<style>body{background:#000;color:#0f0;text-align:center}</style></head>
<body oncontextmenu="return false">
<img src="https://i.imgur.com/abc123.gif" alt="skull">
<h1>Hacked by Mr.Kr4k3n</h1>
<marquee>Your security is low. Patch your system!</marquee>
<p>Greetz: Anon7 Crew - Dz Team</p>
<a href="https://t.me/kr4k3n">Contact</a>
<audio autoplay src="https://files.example-music.net/song.mp3"></audio>
</body></html>`;

/** A hidden block of links to betting sites, as injected into portals' footers. */
export const HIDDEN_GAMBLING = `<div style="position:absolute;left:-9999px;top:-9999px">
<a href="https://8xbet-vn.bz/">nhà cái uy tín 8xbet</a>
<a href="https://nohu-club.net/">nổ hũ đổi thưởng</a>
<a href="https://taixiu-online.win/">tài xỉu online</a>
</div>`;

/** A sports article quoting betting odds: legitimate news. */
export const SPORTS_ARTICLE = [
  'Trước trận đấu giữa đội tuyển Việt Nam và Thái Lan tại AFF Cup, các nhà cái châu Á đánh giá hai đội ngang tài.',
  'Tỷ lệ kèo được đưa ra là đồng banh, cho thấy trận đấu sẽ rất cân bằng. Huấn luyện viên Kim Sang-sik cho biết các cầu thủ đã sẵn sàng.',
  'Hàng nghìn cổ động viên dự kiến sẽ có mặt trên sân Việt Trì để cổ vũ đội nhà.',
];

/** Police news about busting an online gambling ring: legitimate news. */
export const POLICE_ARTICLE = [
  'Công an tỉnh Thanh Hóa vừa triệt phá thành công đường dây đánh bạc qua mạng với số tiền giao dịch hơn 1.000 tỷ đồng.',
  'Các đối tượng tổ chức cá độ bóng đá và đánh bạc dưới hình thức game bài đổi thưởng, tài xỉu trên các trang web nước ngoài.',
  'Cơ quan cảnh sát điều tra đã khởi tố vụ án, bắt tạm giam 12 bị can về tội tổ chức đánh bạc và đánh bạc.',
];

/** Results of the legal state lottery, published by provincial portals. */
export const LOTTERY_ARTICLE = [
  'Kết quả xổ số kiến thiết tỉnh Thanh Hóa mở thưởng ngày 01/03/2025.',
  'Giải đặc biệt: 123456. Giải nhất: 65432. Giải nhì: 11223, 44556. Bảng lô tô: 01, 12, 23, 34, 45, 56.',
  'Công ty TNHH MTV Xổ số kiến thiết Thanh Hóa đề nghị người trúng thưởng mang vé đến lĩnh thưởng trong vòng 30 ngày.',
];
