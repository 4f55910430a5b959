import type { DemoPortal } from '../simulator/demo-portals.ts';
import type { Scenario } from '../simulator/scenarios.ts';
import type { PortalMode } from '../simulator/simulator.ts';

/**
 * `npm start`'s story: simulated portals living through several days, each run the real pipeline
 * (checks, detection, incidents with the local backend, history) at a simulated time. Data only:
 * play-story.ts carries it out. Agencies and places are fictional, like the simulator's portals.
 */

/** The story's portals: fictional agencies, as the simulator's demo portals are (demo-portals.ts). */
export const STORY_PORTALS: readonly DemoPortal[] = [
  portal('bo-mau', 'Cổng thông tin điện tử Bộ Mẫu', 'Ministry of Samples portal', 'Bộ Mẫu', 'ministry'),
  portal('bo-du-lieu-so', 'Bộ Dữ liệu số', 'Ministry of Digital Data', 'Bộ Dữ liệu số', 'ministry', 'tls-valid'),
  portal(
    'bo-thu-nghiem',
    'Bộ Thử nghiệm và Đo lường',
    'Ministry of Testing and Measurement',
    'Bộ Thử nghiệm và Đo lường',
    'ministry',
  ),
  portal(
    'tinh-vi-du',
    'Cổng thông tin điện tử tỉnh Ví Dụ',
    'Ví Dụ Province portal',
    'Ủy ban nhân dân tỉnh Ví Dụ',
    'province',
  ),
  portal(
    'so-tu-phap-vi-du',
    'Sở Tư pháp tỉnh Ví Dụ',
    'Ví Dụ Department of Justice',
    'Ủy ban nhân dân tỉnh Ví Dụ',
    'province',
  ),
  portal(
    'tinh-song-may',
    'Cổng thông tin điện tử tỉnh Sông Mây',
    'Sông Mây Province portal',
    'Ủy ban nhân dân tỉnh Sông Mây',
    'province',
  ),
  portal(
    'so-gddt-song-may',
    'Sở Giáo dục và Đào tạo tỉnh Sông Mây',
    'Sông Mây Department of Education and Training',
    'Ủy ban nhân dân tỉnh Sông Mây',
    'province',
  ),
  portal(
    'so-cong-thuong-van-linh',
    'Sở Công Thương tỉnh Vân Lĩnh',
    'Vân Lĩnh Department of Industry and Trade',
    'Ủy ban nhân dân tỉnh Vân Lĩnh',
    'province',
    'cloaked',
  ),
  portal(
    'so-xd-van-linh',
    'Sở Xây dựng tỉnh Vân Lĩnh',
    'Vân Lĩnh Department of Construction',
    'Ủy ban nhân dân tỉnh Vân Lĩnh',
    'province',
  ),
  portal('truong-cao-dang-mau', 'Trường Cao đẳng Mẫu', 'Mẫu College', 'Bộ Mẫu', 'other', 'subpage-spam'),
  portal(
    'benh-vien-vi-du',
    'Bệnh viện Đa khoa tỉnh Ví Dụ',
    'Ví Dụ Provincial General Hospital',
    'Sở Y tế tỉnh Ví Dụ',
    'other',
  ),
  portal(
    'trung-tam-hcc-vi-du',
    'Trung tâm Phục vụ hành chính công tỉnh Ví Dụ',
    'Ví Dụ Public Administration Service Centre',
    'Văn phòng Ủy ban nhân dân tỉnh Ví Dụ',
    'other',
  ),
];

/** What happens to the portals before a chapter's first run. */
export type StoryEvent =
  | { readonly kind: 'down'; readonly portal: string; readonly down: boolean }
  | { readonly kind: 'latency'; readonly portal: string; readonly ms: number }
  | { readonly kind: 'mode'; readonly portal: string; readonly mode: PortalMode }
  /** The spam page (`subpage-spam`: a doorway in the sitemap; `cloaked`: what Googlebot is shown) goes up or away. */
  | { readonly kind: 'spam'; readonly portal: string; readonly served: boolean }
  /** A responder labels the portal's open incident, as on GitHub (`npm run incident -- label …`). */
  | { readonly kind: 'label'; readonly portal: string; readonly labels: readonly string[] };

export interface Chapter {
  /** Shown in the progress line and the closing account, Vietnamese then English. */
  readonly title: string;
  readonly events: readonly StoryEvent[];
  /** Runs in this chapter, `STEP_HOURS` apart. */
  readonly runs: number;
}

/** Simulated hours between runs: a day is eight runs. */
export const STEP_HOURS = 3;

/**
 * A maintenance window in `so-xd-van-linh`'s site file, as run offsets from the story's start
 * (the chapter "Bảo trì theo lịch"): the site is down during it and no incident opens.
 */
export const MAINTENANCE_PORTAL = 'so-xd-van-linh';

/**
 * The chapters. Run counts respect the thresholds of the demo's config (down after 2 runs,
 * degraded after 3, defaced after 1, suspected after 2, recovery after 2), so each event opens its
 * incident and each repair closes it inside its chapter.
 */
export const CHAPTERS: readonly Chapter[] = [
  { title: 'Ngày bình thường: học mẫu trang / a normal day: baselines learned', events: [], runs: 4 },
  {
    title: 'Sự cố mất kết nối / an outage',
    events: [{ kind: 'down', portal: 'tinh-song-may', down: true }],
    runs: 3,
  },
  {
    title: 'Khôi phục / recovery',
    events: [{ kind: 'down', portal: 'tinh-song-may', down: false }],
    runs: 3,
  },
  {
    title: 'Phản hồi chậm / a slow spell',
    events: [{ kind: 'latency', portal: 'bo-thu-nghiem', ms: 1500 }],
    runs: 4,
  },
  {
    title: 'Hết chậm / back to speed',
    events: [{ kind: 'latency', portal: 'bo-thu-nghiem', ms: 0 }],
    runs: 3,
  },
  {
    title: 'Tấn công thay đổi giao diện "hacked by" / a "hacked by" defacement',
    events: [{ kind: 'mode', portal: 'so-tu-phap-vi-du', mode: 'defaced' }],
    runs: 2,
  },
  {
    title: 'Khôi phục giao diện / the page restored',
    events: [{ kind: 'mode', portal: 'so-tu-phap-vi-du', mode: 'normal' }],
    runs: 3,
  },
  {
    title: 'Trang con bị chèn quảng cáo cờ bạc / gambling spam on an internal page',
    events: [{ kind: 'spam', portal: 'truong-cao-dang-mau', served: true }],
    runs: 3,
  },
  {
    title: 'Gỡ trang cờ bạc / the spam page removed',
    events: [{ kind: 'spam', portal: 'truong-cao-dang-mau', served: false }],
    runs: 3,
  },
  {
    title: 'Nội dung cờ bạc chỉ hiện cho Googlebot / spam shown only to Googlebot',
    events: [{ kind: 'spam', portal: 'so-cong-thuong-van-linh', served: true }],
    runs: 3,
  },
  {
    title: 'Gỡ nội dung che giấu / the cloaking removed',
    events: [{ kind: 'spam', portal: 'so-cong-thuong-van-linh', served: false }],
    runs: 3,
  },
  {
    title: 'Bảo trì theo lịch / a scheduled maintenance window',
    events: [{ kind: 'down', portal: MAINTENANCE_PORTAL, down: true }],
    runs: 3,
  },
  {
    title: 'Hết bảo trì / maintenance over',
    events: [{ kind: 'down', portal: MAINTENANCE_PORTAL, down: false }],
    runs: 2,
  },
  {
    title: 'Nhúng bản đồ từ tên miền khác: báo động nhầm / a map embedded from another domain: a false alarm',
    events: [{ kind: 'mode', portal: 'benh-vien-vi-du', mode: 'iframe-injected' }],
    runs: 3,
  },
  {
    title: 'Đội ứng cứu đánh dấu báo nhầm / a responder marks it false-positive',
    events: [{ kind: 'label', portal: 'benh-vien-vi-du', labels: ['false-positive', 'accept-baseline'] }],
    runs: 3,
  },
];

/** The maintenance window's chapter: its first run to the run before the next chapter. */
export function maintenanceRuns(chapters: readonly Chapter[]): { readonly first: number; readonly last: number } {
  let run = 0;
  for (const chapter of chapters) {
    if (chapter.events.some((e) => e.kind === 'down' && e.portal === MAINTENANCE_PORTAL && e.down))
      return { first: run, last: run + chapter.runs - 1 };
    run += chapter.runs;
  }
  throw new Error('the story has no maintenance chapter');
}

/** Days the `tls-valid` certificate has left when the story ends: it crosses the 14-day warning mid-story. */
export const CERTIFICATE_DAYS_LEFT_AT_END = 11;

function portal(
  id: string,
  name: string,
  name_en: string,
  agency: string,
  group: DemoPortal['group'],
  scenario: Scenario = 'healthy',
): DemoPortal {
  return { id, name, name_en, agency, group, scenario };
}
