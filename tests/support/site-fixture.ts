import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { evidencePath } from '../../checks/visual/evidence.ts';
import type { BaselineFileSchema } from '../../checks/schemas/baseline.ts';
import type { Signal } from '../../checks/schemas/defacement.ts';
import {
  RESPONSE_BUCKETS_MS,
  type DayTuple,
  type HistoryFile,
  type StateChange,
} from '../../checks/schemas/history.ts';
import type { InternalIncident, PublicIncident, SiteTracks, TrackState } from '../../checks/schemas/incident.ts';
import type { RunFile } from '../../checks/schemas/run.ts';
import type { Reason, State, StatusFile } from '../../checks/schemas/status.ts';
import type { z } from 'zod';
import { seededRandom as random } from '../../checks/simulator/random.ts';
import { localDate } from '../../checks/time/local-time.ts';

/**
 * A data dir for the status site (issue #5): N sites × D days of history, deterministic for a seed,
 * valid per the zod schemas in checks/schemas (tests/site/site-fixture.test.ts proves it), with a
 * realistic mix: most sites up, some degraded or down, maintenance windows (past, now, upcoming),
 * defaced and suspected sites with signals, certificates that expire soon or expired, open and
 * resolved incidents.
 *
 * With `markers: true`, every field that must never reach the public site carries a unique marker
 * containing "LEAKMARK" (case-insensitive: host names and GitHub handles are lower-case), and the
 * public fields the schemas leave free (names, agency, group names, incident updates, maintenance
 * notes) carry hostile strings (`HOSTILE`). A leak scan is then a search for /leakmark/i plus the
 * literal `secrets` (phone numbers cannot carry letters).
 */
export interface SiteFixtureOptions {
  /** Sites; default 1,000. */
  readonly sites?: number;
  /** Closed days of history per site; default 90. */
  readonly days?: number;
  /** Default 1. Same seed, same options: byte-identical files. */
  readonly seed?: number;
  /** The last run's time; the build should use a `now` shortly after (CANHGAC_BUILD_NOW). */
  readonly now?: Date;
  /** Markers in internal fields and hostile strings in public ones; default false. */
  readonly markers?: boolean;
  /** Baseline and evidence WebP files (with a `visual-change` signal naming them) for this many defaced/suspected sites; default 4. */
  readonly images?: number;
}

export interface SiteFixture {
  readonly dir: string;
  readonly now: Date;
  /** A good CANHGAC_BUILD_NOW for this data: two minutes after the last run. */
  readonly buildNow: string;
  readonly siteIds: readonly string[];
  /** Every marker string placed (empty without `markers`). */
  readonly markers: readonly string[];
  /** Literal internal strings without "LEAKMARK" in them (phone numbers) that must not leak either. */
  readonly secrets: readonly string[];
  /** Counts by current state and kind, for assertions and the bench's printout. */
  readonly summary: Readonly<Record<string, number>>;
  /** Site ids whose names carry hostile strings, and the ids of incidents whose texts do. */
  readonly hostileSiteIds: readonly string[];
  readonly hostileIncidentIds: readonly string[];
  /** Incidents citizens may see (publicKind not null): open first, then resolved. */
  readonly publicIncidentIds: readonly string[];
  /** A site of each profile (the first one), e.g. `defaced`, `down`, `maintenance`. */
  readonly exampleSites: Readonly<Record<string, string>>;
  /** Files written, by top-level folder. */
  readonly files: Readonly<Record<string, number>>;
}

/** The window flag a hostile payload would set if it ever ran; pages must leave it undefined. */
export const XSS_FLAG = '__canhgacXss';

/** Hostile strings placed in public text fields (names, incident updates) when `markers` is on. */
export const HOSTILE = {
  script: `<script>window.${XSS_FLAG}=1</script>`,
  img: `"><img src=x onerror="window.${XSS_FLAG}=2">`,
  svg: `<svg/onload=window.${XSS_FLAG}=3>`,
  template: '{{7*7}} ${7*7} <%= 7*7 %>',
  rtl: '\u202Egnp.exe\u202C Sở đảo chiều',
  attr: `' onmouseover='window.${XSS_FLAG}=4' x='`,
} as const;

export const DEFAULT_NOW = new Date('2026-11-26T03:00:00.000Z');
const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const TIME_ZONE_OFFSET_MS = 7 * 3_600_000; // TIME_ZONE has no daylight saving: local midnight is a fixed offset
const DAY_MS = 86_400_000;
const RUN_MS = 5 * 60_000;

const iso = (at: number) => new Date(at).toISOString();

const PROVINCES = [
  'Hà Nội',
  'Huế',
  'Đà Nẵng',
  'Cần Thơ',
  'Hải Phòng',
  'Khánh Hòa',
  'Lâm Đồng',
  'Nghệ An',
  'Quảng Ninh',
  'Đắk Lắk',
  'An Giang',
  'Bắc Ninh',
  'Tuyên Quang',
  'Lào Cai',
  'Gia Lai',
  'Đồng Tháp',
];
const DEPARTMENTS = [
  ['so-tttt', 'Sở Thông tin và Truyền thông', 'Department of Information and Communications'],
  ['so-yte', 'Sở Y tế', 'Department of Health'],
  ['so-gddt', 'Sở Giáo dục và Đào tạo', 'Department of Education and Training'],
  ['so-tc', 'Sở Tài chính', 'Department of Finance'],
  ['so-khcn', 'Sở Khoa học và Công nghệ', 'Department of Science and Technology'],
  ['cong', 'Cổng thông tin điện tử', 'Portal'],
  ['dvc', 'Cổng dịch vụ công', 'Public service portal'],
] as const;
const MINISTRIES = [
  ['bo-tc', 'Bộ Tài chính', 'Ministry of Finance'],
  ['bo-yt', 'Bộ Y tế', 'Ministry of Health'],
  ['bo-gddt', 'Bộ Giáo dục và Đào tạo', 'Ministry of Education and Training'],
  ['bo-khcn', 'Bộ Khoa học và Công nghệ', 'Ministry of Science and Technology'],
  ['bo-xd', 'Bộ Xây dựng', 'Ministry of Construction'],
] as const;
const DOWN_REASONS: readonly [Reason, string, string][] = [
  ['connect-refused', 'ECONNREFUSED', 'connect ECONNREFUSED'],
  ['timeout', 'UND_ERR_HEADERS_TIMEOUT', 'Headers Timeout Error'],
  ['http-status', 'HTTP_503', 'HTTP 503 Service Unavailable'],
  ['dns', 'ENOTFOUND', 'queryA ENOTFOUND'],
  ['connect-reset', 'ECONNRESET', 'read ECONNRESET'],
];

type Profile = 'up' | 'degraded' | 'down' | 'tls-expired' | 'defaced' | 'suspected' | 'tls-expiring' | 'maintenance';

/** The file contents, pure: relative path → text. Images are made by `writeSiteFixture`. */
export function buildSiteFixtureFiles(options: SiteFixtureOptions = {}) {
  const count = options.sites ?? 1_000;
  const dayCount = options.days ?? 90;
  const now = (options.now ?? DEFAULT_NOW).getTime();
  const markers = options.markers ?? false;
  const imageBudget = options.images ?? 4;
  /** Pictures the writer makes: baseline and evidence WebP of defaced and suspected sites. */
  const images: { file: string; n: number }[] = [];
  const rnd = random(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const placed: string[] = [];
  const secrets: string[] = [];
  /** A marker for an internal field, or the realistic value without markers. */
  const mark = (category: string, n: number | string, plain: string): string => {
    if (!markers) return plain;
    const marker = `LEAKMARK-${category}-${n}`;
    placed.push(marker);
    return `${marker} ${plain}`;
  };
  const markHost = (category: string, n: number | string, plain: string): string => {
    if (!markers) return plain;
    const marker = `leakmark-${category.toLowerCase()}-${n}`;
    placed.push(marker);
    return `${marker}.${plain}`;
  };

  const files = new Map<string, string>();
  const json = (file: string, data: unknown) => files.set(file, `${JSON.stringify(data, null, 2)}\n`);
  const hostileSiteIds: string[] = [];
  const hostileIncidentIds: string[] = [];
  const openPublic: string[] = [];
  const resolvedPublic: string[] = [];
  const exampleSites: Record<string, string> = {};
  const summary: Record<string, number> = {};
  const bump = (key: string) => (summary[key] = (summary[key] ?? 0) + 1);

  const config = {
    organisation: { name: 'Trung tâm Giám sát an toàn thông tin', name_en: 'Information Security Monitoring Centre' },
    time_zone: TIME_ZONE,
    public_url: 'https://status.example.org',
    report: { email: 'canhgac@example.org', phone: '+84 24 0000 0000', url: 'https://status.example.org/bao-cao' },
    incidents: {
      backend: 'github',
      repository: markers ? 'leakmark-org/leakmark-incidents' : 'canhgac-org/incidents',
      internal_url: markers ? 'https://leakmark-internalurl.example.org/' : 'https://noibo.status.example.org/',
      webhook: {
        url: markers ? 'https://hooks.example.org/LEAKMARK-WEBHOOK' : 'https://hooks.example.org/canhgac',
        secret_env: markers ? 'LEAKMARK_WEBHOOK_SECRET' : 'CANHGAC_WEBHOOK_SECRET',
      },
    },
    groups: {
      ministry: { name: 'Bộ, cơ quan ngang bộ', name_en: 'Ministries and agencies' },
      province: {
        name: markers ? `Tỉnh, thành phố ${HOSTILE.template}` : 'Tỉnh, thành phố',
        name_en: 'Provinces and cities',
      },
      other: { name: 'Cơ quan khác', name_en: 'Other bodies' },
    },
    probe: {
      user_agent: markers
        ? 'CanhGac/0.1 (LEAKMARK-USERAGENT)'
        : 'CanhGac/0.1 (+https://github.com/canh-gac; status monitor)',
    },
  };
  if (markers)
    placed.push(
      'leakmark-org',
      'leakmark-internalurl',
      'LEAKMARK-WEBHOOK',
      'LEAKMARK_WEBHOOK_SECRET',
      'LEAKMARK-USERAGENT',
    );
  files.set('config.yml', stringify(config));

  const lastRunStart = now - 40_000;
  const today = localDate(new Date(now), TIME_ZONE);
  const todayStart = Date.parse(`${today}T00:00:00.000Z`) - TIME_ZONE_OFFSET_MS;
  /** The closed days' dates, oldest first: the same for every site. */
  const dayDates = Array.from({ length: dayCount }, (_, k) =>
    localDate(new Date(todayStart - (dayCount - k) * DAY_MS), TIME_ZONE),
  );
  const runsToday = Math.floor((now - todayStart) / RUN_MS) + 1;
  const ids: string[] = [];
  const hostileNames = Object.values(HOSTILE);
  let up = 0;
  let degraded = 0;
  let down = 0;
  let incidentNumber = 100;

  for (let i = 0; i < count; i++) {
    const n = i + 1;
    const ministry = i % 9 === 0;
    const [prefix, deptVi, deptEn] = ministry ? pick(MINISTRIES) : pick(DEPARTMENTS);
    const province = pick(PROVINCES);
    const id = `${prefix}-${String(n).padStart(4, '0')}`;
    ids.push(id);
    const hostile = markers && i >= 1 && i <= hostileNames.length;
    const nameVi = ministry ? `${deptVi} (${n})` : `${deptVi} ${province} ${n}`;
    const name = hostile ? `${hostileNames[i - 1]} ${nameVi}` : nameVi;
    if (hostile) hostileSiteIds.push(id);
    const host = `${id}.example.gov.vn`;
    const url = `https://${host}/`;

    // The profile: most sites up, the rest spread over the interesting cases (every case is present
    // from 20 sites on, so small fixtures still cover each page state).
    const r = rnd();
    const forced: Profile[] = [
      'down',
      'degraded',
      'defaced',
      'suspected',
      'tls-expiring',
      'tls-expired',
      'maintenance',
    ];
    const profile: Profile =
      i >= 10 && i < 10 + forced.length
        ? forced[i - 10]!
        : r < 0.83
          ? 'up'
          : r < 0.88
            ? 'degraded'
            : r < 0.92
              ? 'down'
              : r < 0.93
                ? 'tls-expired'
                : r < 0.95
                  ? 'defaced'
                  : r < 0.965
                    ? 'suspected'
                    : r < 0.985
                      ? 'tls-expiring'
                      : r < 0.99
                        ? 'maintenance'
                        : 'up';
    bump(`profile:${profile}`);
    exampleSites[profile] ??= id;

    // sites/<id>.yml
    const maintenance: { start: string; end: string; note?: string }[] = [];
    // Windows start on the hour, local evenings or nights, and last 2–6 hours.
    const hours = (h: number) => h * 3_600_000;
    if (profile === 'maintenance')
      maintenance.push({
        start: iso(now - hours(1 + Math.floor(rnd() * 2))),
        end: iso(now + hours(1 + Math.floor(rnd() * 4))),
        note: markers ? `Nâng cấp máy chủ ${HOSTILE.script}` : 'Nâng cấp máy chủ',
      });
    if (rnd() < 0.01) {
      const start = todayStart + (1 + Math.floor(rnd() * 10)) * DAY_MS + hours(20 + Math.floor(rnd() * 4));
      maintenance.push({
        start: iso(start),
        end: iso(start + hours(2 + Math.floor(rnd() * 5))),
        note: 'Bảo trì định kỳ',
      });
    }
    if (rnd() < 0.03)
      maintenance.push({
        start: iso(todayStart - 20 * DAY_MS + hours(22)),
        end: iso(todayStart - 20 * DAY_MS + hours(24)),
      });
    const contacts = [
      {
        name: mark('CONTACT', n, 'Trần Thị Bình'),
        role: mark('CONTACTROLE', n, 'Phòng Công nghệ thông tin'),
        email: markers ? `leakmark-contact-${n}@example.org` : `cntt@${host}`,
        phone: `+84 ${markers ? '97' : '24'} ${String(1000 + (n % 9000)).padStart(4, '0')} ${String(5000 + ((n * 7) % 5000)).padStart(4, '0')}`,
      },
    ];
    if (markers) {
      placed.push(`leakmark-contact-${n}@example.org`);
      secrets.push(contacts[0]!.phone);
    }
    const responders = markers ? [`leakmark-responder-${n}`] : [`nguyen-van-${(n % 50) + 1}`];
    if (markers) placed.push(`leakmark-responder-${n}`);
    const site = {
      name,
      ...(i % 3 === 0
        ? {
            name_en: hostile
              ? `${hostileNames[i - 1]} ${deptEn} ${n}`
              : ministry
                ? `${deptEn} (${n})`
                : `${deptEn}, ${province} ${n}`,
          }
        : {}),
      agency: hostile ? `${HOSTILE.img} UBND ${province}` : ministry ? deptVi : `Ủy ban nhân dân ${province}`,
      group: ministry ? 'ministry' : i % 11 === 0 ? 'other' : 'province',
      url,
      responders,
      contacts,
      tags: ['cong-thong-tin'],
      checks: {
        keywords: [mark('KEYWORD', n, nameVi)],
        pages: [markers ? `/leakmark-page-${n}` : '/tin-tuc'],
        ignore_selectors: [markers ? `.leakmark-selector-${n}` : '.dong-ho'],
      },
      ...(maintenance.length ? { maintenance } : {}),
    };
    if (markers) placed.push(`leakmark-page-${n}`, `leakmark-selector-${n}`);
    files.set(`sites/${id}.yml`, stringify(site));

    // status/<id>.json
    const inMaintenance = profile === 'maintenance';
    const state: State =
      profile === 'down' || profile === 'tls-expired' || (inMaintenance && rnd() < 0.7)
        ? 'down'
        : profile === 'degraded'
          ? 'degraded'
          : 'up';
    if (state === 'up') up++;
    else if (state === 'degraded') degraded++;
    else down++;
    const [downReason, downCode, downMessage] =
      profile === 'tls-expired'
        ? (['tls-expired', 'CERT_HAS_EXPIRED', 'certificate has expired'] as const)
        : pick(DOWN_REASONS);
    const slowOrOffsite = rnd() < 0.5 ? 'slow' : 'redirect-offsite';
    const reason: Reason | null = state === 'up' ? null : state === 'degraded' ? slowOrOffsite : downReason;
    const total = state === 'degraded' && reason === 'slow' ? 5_000 + rnd() * 4_000 : 80 + rnd() * 900;
    const answered = state !== 'down' || reason === 'http-status';
    const redirects =
      reason === 'redirect-offsite'
        ? [{ url: markers ? `https://${host}/leakmark-redirect-${n}` : url, status: 301 }]
        : [];
    if (markers && redirects.length) placed.push(`leakmark-redirect-${n}`);
    const finalUrl =
      reason === 'redirect-offsite' ? `https://${markHost('FINALURL', n, 'tinhmoi.example.gov.vn')}/` : url;
    const daysLeft =
      profile === 'tls-expiring'
        ? 3 + Math.floor(rnd() * 9)
        : profile === 'tls-expired'
          ? -1 - Math.floor(rnd() * 20)
          : 30 + Math.floor(rnd() * 300);
    const signals: Signal[] =
      profile === 'defaced'
        ? [
            {
              kind: 'gambling-spam',
              weight: 70,
              detail: mark('SIGNAL', `${n}-a`, 'Gambling/spam terms "nhà cái uy tín", "tài xỉu"'),
              evidence: [mark('EVIDENCE', `${n}-a`, markers ? `nhà cái uy tín ${HOSTILE.script}` : 'nhà cái uy tín')],
            },
            {
              kind: 'hidden-links',
              weight: 15,
              detail: mark('SIGNAL', `${n}-b`, '6 hidden link(s) to 1 other domain(s)'),
              evidence: [mark('EVIDENCE', `${n}-b`, 'https://nhacai88.example.bet/')],
              url: `https://${host}/${markers ? `leakmark-signalurl-${n}` : 'tin-tuc'}`,
            },
          ]
        : profile === 'suspected'
          ? [
              {
                kind: 'title-change',
                weight: 35,
                detail: mark('SIGNAL', n, 'The title changed'),
                evidence: [mark('EVIDENCE', n, 'Trang chủ mới')],
              },
            ]
          : [];
    if (markers && profile === 'defaced') placed.push(`leakmark-signalurl-${n}`);
    if ((profile === 'defaced' || profile === 'suspected') && images.length / 3 < imageBudget) {
      const at = new Date(now - 3 * RUN_MS);
      const evidence = [
        evidencePath(id, 'baseline', at),
        evidencePath(id, 'screenshot', at),
        evidencePath(id, 'diff', at),
      ];
      signals.push({
        kind: 'visual-change',
        weight: 30,
        detail: mark('SIGNAL', `${n}-v`, 'The screenshot differs from the baseline screenshot by 41 %'),
        evidence,
      });
      images.push(...evidence.map((file) => ({ file, n })), { file: `baselines/${id}.webp`, n });
    }
    const status: StatusFile = {
      id,
      checkedAt: iso(lastRunStart + Math.floor(rnd() * 30_000)),
      state,
      reason,
      error: state === 'down' ? { code: downCode, message: mark('ERROR', n, `${downMessage} ${host}`) } : null,
      attempts: state === 'down' ? 2 : 1,
      firstReason: state === 'down' ? reason : null,
      url,
      http: answered
        ? {
            status: reason === 'http-status' ? 503 : 200,
            finalUrl,
            redirects,
            timings: { dns: 3 + rnd() * 20, connect: 10 + rnd() * 40, tls: 20 + rnd() * 60, ttfb: total * 0.6, total },
            headers: { server: mark('HEADER', n, 'nginx'), 'content-type': 'text/html; charset=utf-8' },
            bytes: 20_000 + Math.floor(rnd() * 200_000),
            charset: 'utf-8',
          }
        : null,
      tls:
        state === 'down' && profile !== 'tls-expired'
          ? null
          : {
              subject: `CN=${host}`,
              sans: [host, markHost('SAN', n, `www.${host}`)],
              issuer: mark('TLSISSUER', n, "Let's Encrypt R11"),
              validFrom: iso(now + daysLeft * DAY_MS - 397 * DAY_MS),
              validTo: iso(now + daysLeft * DAY_MS),
              daysLeft,
              fingerprint: Array.from({ length: 32 }, (_, k) =>
                ((n * 31 + k * 17) % 256).toString(16).padStart(2, '0').toUpperCase(),
              ).join(':'),
              protocol: 'TLSv1.3',
              error: profile === 'tls-expired' ? mark('TLSERROR', n, 'certificate has expired') : null,
            },
      dns: {
        addresses: [`203.0.113.${n % 250}`],
        cname: [markHost('CNAME', n, 'cdn.example.net')],
        ms: 2 + rnd() * 30,
        error: null,
      },
      defacement:
        state === 'down'
          ? null
          : {
              verdict: profile === 'defaced' ? 'defaced' : profile === 'suspected' ? 'suspected' : 'clean',
              score: Math.min(
                100,
                signals.reduce((s, x) => s + x.weight, 0),
              ),
              signals,
              baseline: { capturedAt: iso(now - 40 * DAY_MS) },
            },
    };
    json(`status/${id}.json`, status);

    // history/<id>.json: closed days oldest first, the open day, state changes.
    const flaky = rnd() < 0.15;
    const baseMs = 120 + rnd() * 600;
    const days: DayTuple[] = [];
    const events: StateChange[] = [];
    for (let d = dayCount; d >= 1; d--) {
      const dayStart = todayStart - d * DAY_MS;
      const bad = rnd() < (flaky ? 0.12 : 0.02);
      const downRuns = bad ? 1 + Math.floor(rnd() * 60) : 0;
      const degradedRuns = rnd() < 0.1 ? Math.floor(rnd() * 10) : 0;
      const checks = d === dayCount && n % 17 === 0 ? 100 : 288; // a site added mid-day
      const p50 = Math.round(baseMs * (0.8 + rnd() * 0.4));
      days.push([
        dayDates[dayCount - d]!,
        checks,
        checks - downRuns - degradedRuns,
        degradedRuns,
        downRuns,
        p50,
        Math.round(p50 * (1.8 + rnd())),
      ]);
      if (downRuns) {
        const at = dayStart + Math.floor(rnd() * 20) * 3_600_000;
        events.push({ at: iso(at), from: 'up', to: 'down', reason: pick(DOWN_REASONS)[0] });
        events.push({ at: iso(at + downRuns * RUN_MS), from: 'down', to: 'up', reason: null });
      }
    }
    const since =
      state === 'up'
        ? (events.at(-1)?.at ?? iso(todayStart - dayCount * DAY_MS))
        : iso(now - (2 + Math.floor(rnd() * 30)) * RUN_MS);
    if (state !== 'up') events.push({ at: since, from: 'up', to: state, reason });
    const todayDown = state === 'down' ? Math.min(runsToday, Math.round((now - Date.parse(since)) / RUN_MS) + 1) : 0;
    const todayDegraded = state === 'degraded' ? Math.min(runsToday - todayDown, 5) : 0;
    const buckets = new Array<number>(RESPONSE_BUCKETS_MS.length + 1).fill(0);
    const bucket = RESPONSE_BUCKETS_MS.findIndex((b) => baseMs <= b);
    buckets[bucket === -1 ? RESPONSE_BUCKETS_MS.length : bucket] = runsToday - todayDown;
    const history: HistoryFile = {
      id,
      state,
      since,
      today: {
        date: today,
        checks: runsToday,
        up: runsToday - todayDown - todayDegraded,
        degraded: todayDegraded,
        down: todayDown,
        buckets,
      },
      days,
      events,
    };
    json(`history/${id}.json`, history);

    // Incidents: an open one for every failing track, and resolved ones from the past days.
    const tracks: Record<string, TrackState> = {};
    const addIncident = (
      track: 'availability' | 'defacement' | 'tls',
      kind: InternalIncident['kind'],
      publicKind: PublicIncident['publicKind'],
      severity: PublicIncident['severity'],
      startedAt: number,
      resolvedAt: number | null,
    ) => {
      const incidentId = `${id}--${track}--${iso(startedAt).replace(/[-:]/g, '').slice(0, 13)}`;
      const number = ++incidentNumber;
      const what = {
        outage: ['không truy cập được', 'unreachable'],
        degraded: ['chậm hoặc chuyển hướng', 'slow or redirected'],
        security: ['bị thay đổi giao diện', 'defaced'],
        certificate: ['lỗi chứng chỉ', 'certificate problem'],
      }[publicKind ?? 'degraded'];
      const hostileText = hostile && hostileIncidentIds.length < 3;
      if (hostileText) hostileIncidentIds.push(incidentId);
      const updates: PublicIncident['updates'] = [
        {
          at: iso(startedAt),
          state: 'open',
          vi: `Phát hiện sự cố: ${name} ${what[0]}.`,
          en: `Incident detected: ${name} is ${what[1]}.`,
        },
      ];
      if (hostileText)
        updates.push({
          at: iso(startedAt + RUN_MS),
          state: 'open',
          vi: `Đang xử lý ${HOSTILE.svg} ${HOSTILE.attr}`,
          en: `Being handled ${HOSTILE.script} ${HOSTILE.rtl}`,
        });
      if (resolvedAt !== null)
        updates.push({ at: iso(resolvedAt), state: 'resolved', vi: 'Đã khắc phục.', en: 'Resolved.' });
      const pub: PublicIncident = {
        id: incidentId,
        siteId: id,
        publicKind,
        titleVi: `${name}: ${what[0]}`,
        titleEn: `${site.name_en ?? name}: ${what[1]}`,
        severity,
        state: resolvedAt === null ? 'open' : 'resolved',
        startedAt: iso(startedAt),
        resolvedAt: resolvedAt === null ? null : iso(resolvedAt),
        updates,
      };
      json(`incidents/public/${incidentId}.json`, pub);
      if (publicKind !== null) (resolvedAt === null ? openPublic : resolvedPublic).push(incidentId);
      const repository = config.incidents.repository;
      const internal: InternalIncident = {
        id: incidentId,
        siteId: id,
        track,
        kind,
        issue: { backend: 'github', repository, number, url: `https://github.com/${repository}/issues/${number}` },
        responders,
        reason: reason ?? (track === 'tls' ? 'tls-expired' : null),
        error: markers ? `LEAKMARK-INCIDENTERROR-${number} ${downMessage}` : downMessage,
        signals: signals.map((s) => ({ ...s, detail: mark('INCIDENTSIGNAL', `${number}-${s.kind}`, s.detail) })),
        redirects: redirects.map((h) => h.url),
        timingsMs: { dns: 4, connect: 12, tls: 30, ttfb: null, total: Math.round(total) },
        acknowledged: number % 2 === 0,
        log: [
          { at: iso(startedAt), event: 'opened', detail: mark('INCIDENTLOG', number, `issue #${number} opened`) },
          ...(resolvedAt === null
            ? []
            : [{ at: iso(resolvedAt), event: 'resolved', detail: mark('INCIDENTLOG', `${number}-r`, 'recovered') }]),
        ],
      };
      if (markers) placed.push(`LEAKMARK-INCIDENTERROR-${number}`);
      json(`incidents/internal/${incidentId}.json`, internal);
      bump(resolvedAt === null ? 'openIncidents' : 'resolvedIncidents');
      if (resolvedAt === null) {
        tracks[track] = {
          failingRuns: {
            [track === 'availability'
              ? state === 'down'
                ? 'down'
                : 'degraded'
              : track === 'tls'
                ? daysLeft < 0
                  ? 'invalid'
                  : 'expiring'
                : profile]: 5,
          } as TrackState['failingRuns'],
          goodRuns: 0,
          failingSince: iso(startedAt),
          open: {
            id: incidentId,
            level:
              track === 'availability'
                ? state === 'down'
                  ? 'down'
                  : 'degraded'
                : track === 'tls'
                  ? daysLeft < 0
                    ? 'invalid'
                    : 'expiring'
                  : profile === 'defaced'
                    ? 'defaced'
                    : 'suspected',
            kind,
            severity,
            startedAt: iso(startedAt),
            issue: number,
            reported: markers ? [`signal:gambling-spam:leakmark-reported-${n}`] : [],
            acknowledged: internal.acknowledged,
            closedByResponder: null,
          },
          suppressions: markers
            ? [
                {
                  fingerprint: `signal:title-change:LEAKMARK-SUPPRESSION-${n}`,
                  since: iso(now - DAY_MS),
                  issue: number,
                  absentRuns: 0,
                },
              ]
            : [],
        };
        if (markers) placed.push(`leakmark-reported-${n}`, `LEAKMARK-SUPPRESSION-${n}`);
      }
    };
    const sinceMs = Date.parse(since);
    if (state === 'down' && !inMaintenance)
      addIncident('availability', reason === 'dns' ? 'dns' : 'down', 'outage', 'major', sinceMs, null);
    if (state === 'degraded') addIncident('availability', 'degraded', 'degraded', 'minor', sinceMs, null);
    if (profile === 'defaced') addIncident('defacement', 'defaced', 'security', 'critical', now - 3 * RUN_MS, null);
    if (profile === 'suspected') addIncident('defacement', 'suspected', null, 'minor', now - 4 * RUN_MS, null);
    if (profile === 'tls-expiring') addIncident('tls', 'tls', null, 'warning', now - DAY_MS, null);
    if (profile === 'tls-expired') addIncident('tls', 'tls', 'certificate', 'major', now + daysLeft * DAY_MS, null);
    // Past outages of long enough: resolved incidents (at most two a site, keeps counts realistic).
    for (const event of events.filter((e) => e.to === 'down' && e.from === 'up').slice(-2)) {
      const end = events.find((e) => e.from === 'down' && Date.parse(e.at) > Date.parse(event.at));
      if (!end || Date.parse(end.at) - Date.parse(event.at) < 20 * RUN_MS) continue;
      addIncident('availability', 'down', 'outage', 'major', Date.parse(event.at), Date.parse(end.at));
    }
    if (Object.keys(tracks).length) {
      const empty = (): TrackState => ({
        failingRuns: {},
        goodRuns: 10,
        failingSince: null,
        open: null,
        suppressions: [],
      });
      const all = {
        availability: tracks.availability ?? empty(),
        defacement: tracks.defacement ?? empty(),
        tls: tracks.tls ?? empty(),
      };
      const siteTracks: SiteTracks = { siteId: id, tracks: all };
      json(`incidents/tracks/${id}.json`, siteTracks);
    }

    // baselines/<id>.json for sites with a defacement verdict worth comparing against.
    if (profile === 'defaced' || profile === 'suspected' || n % 50 === 0) {
      const baseline: z.input<typeof BaselineFileSchema> = {
        version: 1,
        capturedAt: iso(now - 40 * DAY_MS),
        updatedAt: iso(now - 10 * DAY_MS),
        observations: 120,
        totalObservations: 2_400,
        domain: markHost('BASELINEDOMAIN', n, host),
        title: mark('BASELINE', n, `Trang chủ - ${nameVi}`),
        titles: [mark('BASELINETITLES', n, `Trang chủ - ${nameVi}`)],
        lang: 'vi',
        textLengths: [12_000, 12_500],
        structure: { hashes: [1, 2, 3], seen: [5, 5, 5], capped: false },
        text: { hashes: [4, 5, 6], seen: [5, 5, 5], capped: false },
        domains: {
          script: [markHost('BASELINESCRIPT', n, 'cdn.example.net')],
          iframe: [],
          stylesheet: [],
          img: [],
          a: [],
          form: [],
        },
        favicon: null,
        metaRefresh: null,
        canonical: url,
        redirectDomains: [],
        spamTerms: [],
        signatureTerms: [],
        hints: [],
        hiddenLinkDomains: [],
      };
      json(`baselines/${id}.json`, baseline);
    }
  }

  const run: RunFile = {
    startedAt: iso(lastRunStart),
    finishedAt: iso(now),
    durationMs: 40_000,
    shard: { index: 1, count: 1 },
    sites: count,
    up,
    degraded,
    down,
    registryErrors: 0,
    registryWarnings: 0,
  };
  json('runs/shard-1-of-1.json', run);
  return {
    files,
    placed: [...new Set(placed)],
    secrets,
    summary: { ...summary, up, degraded, down, sites: count },
    ids,
    hostileSiteIds,
    hostileIncidentIds,
    publicIncidentIds: [...openPublic, ...resolvedPublic],
    exampleSites,
    images,
    now,
  };
}

/**
 * Writes the fixture into `dir` (created; existing files with the same names are replaced).
 * Deterministic: the same options give the same bytes, images included.
 */
export async function writeSiteFixture(dir: string, options: SiteFixtureOptions = {}): Promise<SiteFixture> {
  const built = buildSiteFixtureFiles(options);
  const folders = new Set([...built.files.keys()].map((f) => path.dirname(f)));
  for (const folder of folders) await mkdir(path.join(dir, folder), { recursive: true });
  const counts: Record<string, number> = {};
  const count = (file: string) => {
    const top = file.split('/')[0]!;
    counts[top] = (counts[top] ?? 0) + 1;
  };
  // Bounded parallel writes: 4,000+ small files.
  const entries = [...built.files];
  for (let i = 0; i < entries.length; i += 256) {
    await Promise.all(entries.slice(i, i + 256).map(([file, text]) => writeFile(path.join(dir, file), text)));
  }
  for (const [file] of entries) count(file);

  const markers = options.markers ?? false;
  const placed = [...built.placed];
  if (built.images.length > 0) {
    const { default: sharp } = await import('sharp');
    for (const { file, n } of built.images) {
      const comment = markers ? `LEAKMARK-SCREENSHOT-${n}` : 'Canh Gac fixture';
      if (markers) placed.push(comment);
      const picture = await sharp({
        create: {
          width: 320,
          height: 200,
          channels: 3,
          background: { r: (n * 53 + file.length * 7) % 256, g: 120, b: 200 },
        },
      })
        .webp({ quality: 50 })
        .withExif({ IFD0: { ImageDescription: comment } })
        .toBuffer();
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), picture);
      count(file);
    }
  }
  return {
    dir,
    now: new Date(built.now),
    buildNow: iso(built.now + 2 * 60_000),
    siteIds: built.ids,
    markers: placed,
    secrets: built.secrets,
    summary: built.summary,
    hostileSiteIds: built.hostileSiteIds,
    hostileIncidentIds: built.hostileIncidentIds,
    publicIncidentIds: built.publicIncidentIds,
    exampleSites: built.exampleSites,
    files: counts,
  };
}
