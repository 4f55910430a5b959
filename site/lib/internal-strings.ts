import type { SignalKind, Verdict } from '../../checks/schemas/defacement.ts';
import type { Kind, Severity } from '../../checks/schemas/incident.ts';
import type { Reason, State } from '../../checks/schemas/status.ts';
import type { Lang } from './format.ts';
import type { CertificateUrgency } from './tls-calendar.ts';

/** Fixed texts of the responders' pages (internal build), Vietnamese and English. */

type Pair = readonly [vi: string, en: string];

export const STATE_LABEL: Readonly<Record<State, Pair>> = {
  up: ['Hoạt động', 'Up'],
  degraded: ['Chậm / suy giảm', 'Degraded'],
  down: ['Gián đoạn', 'Down'],
};

export const VERDICT_LABEL: Readonly<Record<Verdict | 'none', Pair>> = {
  clean: ['Bình thường', 'Clean'],
  suspected: ['Nghi ngờ', 'Suspected'],
  defaced: ['Bị thay đổi giao diện', 'Defaced'],
  unknown: ['Không xác định', 'Unknown'],
  none: ['Không đánh giá được', 'Not judged'],
};

export const KIND_LABEL: Readonly<Record<Kind, Pair>> = {
  down: ['Gián đoạn', 'Down'],
  degraded: ['Suy giảm', 'Degraded'],
  dns: ['Lỗi tên miền (DNS)', 'DNS'],
  defaced: ['Thay đổi giao diện', 'Defaced'],
  suspected: ['Nghi ngờ thay đổi giao diện', 'Suspected defacement'],
  tls: ['Chứng chỉ TLS', 'TLS certificate'],
  monitor: ['Hệ thống giám sát', 'Monitor'],
};

export const SEVERITY_LABEL: Readonly<Record<Severity, Pair>> = {
  critical: ['Nghiêm trọng', 'Critical'],
  major: ['Lớn', 'Major'],
  minor: ['Nhỏ', 'Minor'],
  warning: ['Cảnh báo', 'Warning'],
};

export const URGENCY_LABEL: Readonly<Record<CertificateUrgency, Pair>> = {
  expired: ['Đã hết hạn', 'Expired'],
  soon: ['Sắp hết hạn', 'Expires soon'],
  ok: ['Còn hạn', 'Valid'],
};

export const SIGNAL_LABEL: Readonly<Record<SignalKind, Pair>> = {
  'defacer-signature': ['Dấu hiệu chữ ký tin tặc', 'Defacer signature'],
  'defacer-structure': ['Cấu trúc trang kiểu tin tặc', 'Defacement page structure'],
  'gambling-spam': ['Nội dung cờ bạc / spam', 'Gambling / spam'],
  'hidden-links': ['Liên kết ẩn', 'Hidden links'],
  'new-external-domain': ['Tên miền ngoài mới', 'New external domain'],
  'offsite-redirect': ['Chuyển hướng ra ngoài', 'Off-site redirect'],
  cloaking: ['Nội dung khác cho Googlebot', 'Cloaking'],
  'structure-collapse': ['Cấu trúc trang thay đổi', 'Structure collapse'],
  'title-change': ['Tiêu đề thay đổi', 'Title change'],
  'favicon-change': ['Biểu tượng thay đổi', 'Favicon change'],
  'keyword-missing': ['Thiếu từ khóa bắt buộc', 'Keyword missing'],
  'identity-lost': ['Trang không còn tên cơ quan', 'Agency identity gone'],
  'language-change': ['Ngôn ngữ thay đổi', 'Language change'],
  'subpage-spam': ['Spam ở trang con', 'Spam on an internal page'],
  'visual-change': ['Ảnh chụp thay đổi', 'Visual change'],
};

export const REASON_LABEL: Readonly<Record<Reason, Pair>> = {
  dns: ['Không phân giải được tên miền', 'Name did not resolve'],
  'dns-timeout': ['Máy chủ DNS không trả lời kịp', 'DNS timeout'],
  'blocked-address': ['Tên miền trỏ tới địa chỉ nội bộ / đặc biệt', 'Resolves to a blocked address'],
  'connect-refused': ['Máy chủ từ chối kết nối', 'Connection refused'],
  'connect-timeout': ['Kết nối quá thời gian', 'Connection timeout'],
  'connect-reset': ['Kết nối bị ngắt', 'Connection reset'],
  'connect-unreachable': ['Không có đường tới máy chủ', 'Host unreachable'],
  'tls-expired': ['Chứng chỉ hết hạn', 'Certificate expired'],
  'tls-untrusted': ['Chứng chỉ không tin cậy', 'Certificate untrusted'],
  'tls-hostname': ['Chứng chỉ sai tên miền', 'Certificate host name mismatch'],
  tls: ['Lỗi bắt tay TLS', 'TLS handshake failed'],
  timeout: ['Phản hồi quá thời gian', 'Response timeout'],
  'http-status': ['Mã trạng thái HTTP không như mong đợi', 'Unexpected HTTP status'],
  'too-large': ['Trang quá lớn', 'Body too large'],
  'redirect-loop': ['Chuyển hướng vòng lặp', 'Redirect loop'],
  'too-many-redirects': ['Quá nhiều lần chuyển hướng', 'Too many redirects'],
  'redirect-invalid': ['Chuyển hướng không hợp lệ', 'Invalid redirect'],
  'redirect-offsite': ['Chuyển hướng sang tên miền khác', 'Redirects off-site'],
  'bad-response': ['Phản hồi không hợp lệ', 'Bad response'],
  slow: ['Phản hồi chậm', 'Slow'],
  internal: ['Lỗi của Canh Gác', 'Canh Gác internal error'],
};

/**
 * A site whose baseline file was damaged and moved aside (`defacement.baselineLost`): the next clean
 * observation became its reference unreviewed. On the site's internal page and the dashboard.
 */
export const BASELINE_LOST_TEXT = {
  title: ['Mất mốc chuẩn', 'Baseline lost'],
  explanation: [
    'Tệp mốc chuẩn bị hỏng và đã được chuyển sang chỗ khác; lần quan sát bình thường kế tiếp đã thành mốc chuẩn mà chưa ai xem lại. Nếu lúc đó trang đã bị thay đổi giao diện, các lần kiểm tra sau coi đó là bình thường. Hãy xem trang, rồi chấp nhận lại mốc chuẩn.',
    'The baseline file was damaged and moved aside; the next clean observation became the baseline without review. If the page was already defaced then, later checks take the defacement as normal. Look at the page, then accept a baseline on purpose.',
  ],
  lostAt: ['Mất lúc', 'Lost at'],
  file: ['Tệp hỏng được giữ tại', 'Damaged file kept as'],
  none: ['Không có trang nào mất mốc chuẩn.', 'No site has lost its baseline.'],
} as const satisfies Readonly<Record<string, Pair>>;

/** The label in the page's language. */
export function label(pair: Pair, lang: Lang): string {
  return lang === 'vi' ? pair[0] : pair[1];
}

/** "Vietnamese / English", for the dashboard, which is one bilingual page. */
export function both(pair: Pair): string {
  return `${pair[0]} / ${pair[1]}`;
}
