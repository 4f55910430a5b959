import type { Lang } from './format.ts';
import type { Overall, SiteState } from './status-model.ts';

/** Every fixed text of the site in both languages. */
export const STRINGS = {
  vi: {
    title: 'Trạng thái cổng thông tin',
    overall: { operational: 'Tất cả hoạt động bình thường', partial: 'Gián đoạn một phần', major: 'Sự cố diện rộng', maintenance: 'Đang bảo trì' } satisfies Record<Overall, string>,
    state: { operational: 'Hoạt động', degraded: 'Chậm', down: 'Gián đoạn', maintenance: 'Bảo trì', unknown: 'Chưa kiểm tra' } satisfies Record<SiteState, string>,
    checked: 'Kiểm tra lần cuối',
    stale: 'Số liệu có thể đã cũ: lần kiểm tra gần nhất đã lâu hơn bình thường.',
    filter: 'Lọc theo tên',
    uptime: 'Tỷ lệ hoạt động',
    days90: '90 ngày qua',
    noData: 'Không có số liệu',
    incidents: 'Sự cố',
    noIncidents: 'Không có sự cố nào.',
    report: 'Báo sự cố',
    language: 'English',
    maintenance: 'Bảo trì',
    responseTime: 'Thời gian phản hồi',
    home: 'Trang chủ',
  },
  en: {
    title: 'Portal status',
    overall: { operational: 'All systems operational', partial: 'Partial disruption', major: 'Major outage', maintenance: 'Under maintenance' } satisfies Record<Overall, string>,
    state: { operational: 'Operational', degraded: 'Slow', down: 'Disrupted', maintenance: 'Maintenance', unknown: 'Not checked yet' } satisfies Record<SiteState, string>,
    checked: 'Last checked',
    stale: 'This data may be out of date: the last check is older than usual.',
    filter: 'Filter by name',
    uptime: 'Uptime',
    days90: 'Last 90 days',
    noData: 'No data',
    incidents: 'Incidents',
    noIncidents: 'No incidents.',
    report: 'Report a problem',
    language: 'Tiếng Việt',
    maintenance: 'Maintenance',
    responseTime: 'Response time',
    home: 'Home',
  },
} as const;

export function t(lang: Lang) {
  return STRINGS[lang];
}
