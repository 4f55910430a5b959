import { formatDuration } from '../incidents/render-issue.ts';
import type { MonitorCause, VantageSummary } from '../schemas/monitor-incident.ts';
import type { Severity } from '../schemas/incident.ts';
import { localDateTime, localParts } from '../time/local-time.ts';
import type { CadenceSummary } from './cadence-summary.ts';

/**
 * The monitor incident's issue: title, body, labels and comments, Vietnamese first and English
 * after. Nothing here comes from a monitored page; the repository names come from config and the
 * Actions environment.
 */

export const MONITOR_SEVERITY: Severity = 'major';

/** The hidden marker that finds the monitor's issue again, whatever happened to monitor/incident.json. */
export function monitorMarker(cause: MonitorCause): string {
  return `<!-- canhgac:monitor cause=${cause} -->`;
}

export function monitorLabels(): string[] {
  return ['incident', 'kind:monitor', `severity:${MONITOR_SEVERITY}`];
}

export function monitorTitle(gapMs: number): string {
  const gap = formatDuration(gapMs);
  return `[Sự cố] Canh Gác chạy trễ: không có lượt kiểm tra nào trong ${gap.vi} / Canh Gác running late: no tick for ${gap.en}`;
}

export interface MonitorBodyInput {
  readonly cause: MonitorCause;
  readonly gapFrom: string;
  readonly startedAt: string;
  readonly gapMs: number;
  readonly maxGapMinutes: number;
  readonly recovery: number;
  /** The cadence including the late tick. */
  readonly cadence: CadenceSummary;
  readonly timeZone: string;
  /** `owner/name` of the repository whose workflow runs the ticks, when known ($GITHUB_REPOSITORY). */
  readonly repository: string | null;
  /** `https://github.com` or a GitHub Enterprise Server's address ($GITHUB_SERVER_URL). */
  readonly serverUrl: string;
  /** The REST API's base ($GITHUB_API_URL). */
  readonly apiUrl: string;
}

export function monitorBody(input: MonitorBodyInput): string {
  const gap = formatDuration(input.gapMs);
  const longest = input.cadence.longestGapMs === null ? null : formatDuration(input.cadence.longestGapMs);
  const median = input.cadence.medianGapMs === null ? null : formatDuration(input.cadence.medianGapMs);
  const repo = input.repository ?? 'OWNER/REPO';
  const actions = input.repository
    ? `${input.serverUrl.replace(/\/+$/, '')}/${input.repository}/actions/workflows/tick.yml`
    : 'Actions → tick';
  const lines = [
    monitorMarker(input.cause),
    `**Sự cố / What failed:** Canh Gác không chạy đúng lịch: không có lượt kiểm tra nào trong ${gap.vi}, trong lúc đó không trang nào được kiểm tra. / The monitor is not running on schedule: no tick for ${gap.en}, and no site was checked meanwhile.`,
    `**Từ / From:** ${localDateTime(new Date(input.gapFrom), input.timeZone)} **đến / to:** ${localDateTime(new Date(input.startedAt), input.timeZone)} (${input.timeZone})`,
    `**Lịch mong đợi / Expected cadence:** mỗi 5 phút theo lịch của \`.github/workflows/tick.yml\`; sự cố mở khi hai lượt cách nhau quá ${input.maxGapMinutes} phút (\`pipeline.max_gap_minutes\`). / Every 5 minutes by the schedule in \`.github/workflows/tick.yml\`; this opens when two ticks are more than ${input.maxGapMinutes} min apart (\`pipeline.max_gap_minutes\`).`,
    `**Mức độ / Severity:** ${MONITOR_SEVERITY}`,
    `**24 giờ qua / Last 24 h:** ${input.cadence.ticks24h} lượt / ticks${median ? `; trung vị khoảng cách / median gap ${median.vi} / ${median.en}` : ''}${longest ? `; dài nhất / longest ${longest.vi} / ${longest.en}` : ''}.`,
    '',
    '<details><summary>Số lượt mỗi giờ / Ticks per hour</summary>',
    '',
    '| Giờ / Hour | Lượt / Ticks |',
    '| --- | ---: |',
    ...[...input.cadence.hours].reverse().map((h) => `| ${hourRange(h.start, input.timeZone)} | ${h.ticks} |`),
    '',
    '</details>',
    '',
    '### Xử lý / What to do',
    `- Xem tab Actions: các lượt theo lịch bị trễ, bị bỏ, bị lỗi, hay workflow bị tắt (GitHub tắt lịch sau 60 ngày không hoạt động)? / Check the Actions tab: are scheduled runs late, skipped, failing, or is the workflow disabled (GitHub disables schedules after 60 days without activity)? ${actions}`,
    '- GitHub chạy lịch theo khả năng, thường 15–60 phút một lần thay vì 5: hãy để một bộ lập lịch bên ngoài kích hoạt từng lượt. / GitHub runs schedules on a best-effort basis, often every 15–60 minutes instead of 5: let an external scheduler trigger the ticks:',
    `  - \`workflow_dispatch\`: \`gh workflow run tick.yml --repo ${repo}\``,
    `  - \`repository_dispatch\` (loại / type \`canhgac-tick\`): \`curl -X POST -H "Authorization: Bearer $TOKEN" -H "Accept: application/vnd.github+json" ${input.apiUrl.replace(/\/+$/, '')}/repos/${repo}/dispatches -d '{"event_type":"canhgac-tick"}'\``,
    `- Hướng dẫn / Guide: ${input.repository ? `${input.serverUrl.replace(/\/+$/, '')}/${input.repository}/blob/main/docs/operators.md` : '`docs/operators.md`'} (Nhịp chạy thật sự và bộ hẹn giờ ngoài / Real cadence and an external scheduler).`,
    `- Sự cố tự đóng sau ${input.recovery} lượt liên tiếp cách nhau không quá ${input.maxGapMinutes} phút. / Closes by itself after ${input.recovery} consecutive ticks at most ${input.maxGapMinutes} min apart.`,
  ];
  return lines.join('\n');
}

/** The comment that closes the incident once the cadence recovered. */
export function monitorRecoveredComment(durationMs: number, recovery: number, maxGapMinutes: number): string {
  const duration = formatDuration(durationMs);
  return `**Đã khôi phục / Recovered** sau / after ${duration.vi} / ${duration.en}: ${recovery} lượt liên tiếp cách nhau không quá ${maxGapMinutes} phút / ${recovery} consecutive ticks at most ${maxGapMinutes} min apart.`;
}

/** The comment that closes an issue of ours with no incident on record (its record was lost), on a tick on time. */
export function monitorOrphanComment(maxGapMinutes: number): string {
  return `**Đã khôi phục / Recovered:** các lượt kiểm tra lại đúng lịch (cách nhau không quá ${maxGapMinutes} phút) / ticks are on time again (at most ${maxGapMinutes} min apart).`;
}

/** "14:05–15:05" in local time; an hour starting at `start`. */
function hourRange(start: string, timeZone: string): string {
  const from = localParts(new Date(start), timeZone);
  const to = localParts(new Date(Date.parse(start) + 3_600_000), timeZone);
  return `${from.hour}:${from.minute}–${to.hour}:${to.minute}`;
}

/** "dns-timeout 40, connect-timeout 3": the network failures by reason. */
export function reasonCounts(vantage: VantageSummary): string {
  return vantage.reasons.map((r) => `${r.reason} ${r.count}`).join(', ');
}

export function networkTitle(vantage: VantageSummary): string {
  const n = `${vantage.networkFailures}/${vantage.checked}`;
  return `[Sự cố] Canh Gác mất kết nối mạng: ${n} trang lỗi mạng cùng lúc / Canh Gác lost its network: ${vantage.networkFailures} of ${vantage.checked} sites failed at the network level`;
}

export interface NetworkBodyInput {
  readonly startedAt: string;
  readonly vantage: VantageSummary;
  readonly recovery: number;
  readonly timeZone: string;
  /** `owner/name` of the repository whose workflow runs the ticks, when known ($GITHUB_REPOSITORY). */
  readonly repository: string | null;
  readonly serverUrl: string;
}

/**
 * The `network` incident's body: what failed, how many sites, that their incidents were frozen, what
 * to check on the runner. Vietnamese first, English after.
 */
export function networkBody(input: NetworkBodyInput): string {
  const v = input.vantage;
  const actions = input.repository
    ? `${input.serverUrl.replace(/\/+$/, '')}/${input.repository}/actions/workflows/tick.yml`
    : 'Actions → tick';
  return [
    monitorMarker('network'),
    `**Sự cố / What failed:** ${v.networkFailures} trên ${v.checked} trang được kiểm tra lỗi ở tầng mạng cùng một lúc, trong ${v.groupsAffected} nhóm: nhiều khả năng chính máy chạy Canh Gác mất DNS hoặc mạng, không phải các trang. / ${v.networkFailures} of the ${v.checked} sites checked failed at the network level at once, across ${v.groupsAffected} groups: the runner that checks them most likely lost its DNS or network, not the sites.`,
    `**Lý do / Reasons:** ${reasonCounts(v)}`,
    `**Từ / From:** ${localDateTime(new Date(input.startedAt), input.timeZone)} (${input.timeZone})`,
    `**Mức độ / Severity:** ${MONITOR_SEVERITY}`,
    '',
    `**Sự cố của các trang đã được giữ nguyên / Site incidents frozen:** trong các lượt như vậy không sự cố trang nào được mở, đóng hay đếm; trạng thái và lịch sử vẫn được ghi. / During such ticks no site incident opens, closes or counts; statuses and history are still recorded.`,
    '',
    '### Xử lý / What to do',
    `- Xem nhật ký lượt chạy trong tab Actions: máy chạy có phân giải được tên miền (\`getent hosts www.chinhphu.vn\`), có ra được Internet không? / Read the tick's log in the Actions tab: could the runner resolve names (\`getent hosts www.chinhphu.vn\`) and reach the Internet? ${actions}`,
    '- Máy chạy tự quản (self-hosted): kiểm tra DNS (`probe.dns_servers`, `/etc/resolv.conf`), tường lửa, proxy và đường truyền ra ngoài. / Self-hosted runner: check its DNS (`probe.dns_servers`, `/etc/resolv.conf`), firewall, proxy and uplink.',
    '- Máy chạy của GitHub: xem https://www.githubstatus.com và tình trạng tuyến cáp quốc tế về Việt Nam. / GitHub-hosted runner: see https://www.githubstatus.com and the state of the international links to Vietnam.',
    `- Ngưỡng: \`pipeline.vantage\` trong \`config.yml\`. / Thresholds: \`pipeline.vantage\` in \`config.yml\`.`,
    `- Sự cố tự đóng sau ${input.recovery} lượt liên tiếp không còn lỗi mạng hàng loạt. / Closes by itself after ${input.recovery} consecutive ticks without mass network failures.`,
  ].join('\n');
}

/** The comment that closes the `network` incident once ticks are healthy again. */
export function networkRecoveredComment(durationMs: number, recovery: number): string {
  const duration = formatDuration(durationMs);
  return `**Đã khôi phục / Recovered** sau / after ${duration.vi} / ${duration.en}: ${recovery} lượt liên tiếp không còn lỗi mạng hàng loạt; sự cố của các trang được theo dõi lại bình thường / ${recovery} consecutive ticks without mass network failures; site incidents are tracked again.`;
}

/** The comment that closes a `network` issue of ours with no incident on record, on a healthy tick. */
export function networkOrphanComment(): string {
  return '**Đã khôi phục / Recovered:** lượt kiểm tra không còn lỗi mạng hàng loạt / ticks no longer fail at the network level in bulk.';
}
