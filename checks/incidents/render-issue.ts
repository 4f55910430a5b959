import type { Kind, Level, Severity, Track } from '../schemas/incident.ts';
import type { Site } from '../schemas/site.ts';
import type { StatusFile } from '../schemas/status.ts';
import { escapeMarkdownText, neutraliseInline } from './neutralise.ts';
import { signalFingerprint, type Finding } from './observe.ts';
import { LABELS } from './step-track.ts';
import { localDateTime } from '../time/local-time.ts';

/**
 * Issue titles, bodies, labels and markers; the comments a run posts later are in render-comments.ts.
 * Everything that came from a monitored page (signal details, evidence, error messages, redirect
 * URLs) goes through `neutraliseInline`: a defaced page must not be able to mention people, link,
 * embed images, forge our markers or reference other issues.
 */

/** What failed, by kind; a certificate problem by its level (expiring or invalid). */
const FAILURE_TEXT: Record<Exclude<Kind, 'tls'> | Level, { vi: string; en: string }> = {
  down: { vi: 'không truy cập được', en: 'unreachable' },
  dns: { vi: 'lỗi phân giải tên miền', en: 'DNS failure' },
  degraded: { vi: 'phản hồi chậm', en: 'slow to respond' },
  defaced: { vi: 'bị thay đổi giao diện', en: 'defaced' },
  suspected: { vi: 'nghi bị thay đổi giao diện', en: 'suspected defacement' },
  expiring: { vi: 'chứng thư số sắp hết hạn', en: 'certificate expiring soon' },
  invalid: { vi: 'chứng thư số không hợp lệ', en: 'certificate invalid' },
  monitor: { vi: 'hệ thống giám sát gặp sự cố', en: 'the monitor itself failed' },
};

export function kindText(kind: Kind, level: Level): { vi: string; en: string } {
  return FAILURE_TEXT[kind === 'tls' ? level : kind];
}

/** Vietnamese first, English after it; plain text (GitHub does not render Markdown in titles). */
export function issueTitle(site: Site, kind: Kind, level: Level): string {
  const text = kindText(kind, level);
  return `[Sự cố] ${site.name}: ${text.vi} / ${site.name_en ?? site.name}: ${text.en}`;
}

export function issueLabels(siteId: string, kind: Kind, severity: Severity): string[] {
  return ['incident', `kind:${kind}`, `severity:${severity}`, `site:${siteId}`];
}

/** The hidden marker that finds an incident's issue again whatever happened to our own records. */
export function incidentMarker(siteId: string, track: Track): string {
  return `<!-- canhgac:incident site=${siteId} track=${track} -->`;
}

/** The hidden marker of one comment, so a retried run never posts it twice. */
export function eventMarker(incidentId: string, key: string): string {
  return `<!-- canhgac:event incident=${incidentId} key=${key} -->`;
}

export interface BodyInput {
  readonly site: Site;
  readonly track: Track;
  readonly kind: Kind;
  readonly level: Level;
  readonly severity: Severity;
  readonly startedAt: Date;
  readonly status: StatusFile;
  readonly findings: readonly Finding[];
  readonly timeZone: string;
  /** Link to the site's page on the internal status site, when its address is configured. */
  readonly internalUrl: string | null;
}

export function issueBody(input: BodyInput): string {
  const { site, status } = input;
  const text = kindText(input.kind, input.level);
  const lines = [
    incidentMarker(site.id, input.track),
    `**Trang / Site:** ${escapeMarkdownText(site.name)} — ${escapeMarkdownText(site.agency)} (\`${site.id}\`)`,
    `**Địa chỉ / Address:** ${neutraliseInline(site.url, 200)}`,
    `**Sự cố / What failed:** ${text.vi} / ${text.en}`,
    `**Mức độ / Severity:** ${input.severity}`,
    `**Từ / Since:** ${localDateTime(input.startedAt, input.timeZone)} (${input.timeZone})`,
    ...(input.internalUrl ? [`**Trang nội bộ / Internal page:** ${input.internalUrl}`] : []),
    '',
    '### Bằng chứng / Evidence',
    ...evidenceLines(status, input.findings),
    '',
    '### Xử lý / Responding',
    `- \`${LABELS.acknowledged}\`: đã tiếp nhận / taken on.`,
    `- \`${LABELS.falsePositive}\`: báo động nhầm — đóng sự cố và bỏ qua cùng dấu hiệu này / false alarm: closes this and suppresses the same finding; with \`${LABELS.acceptBaseline}\` the next check takes the current page as the new baseline.`,
    `- \`${LABELS.maintenance}\`: đang bảo trì, không mở sự cố mới cho trang này đến khi gỡ nhãn / maintenance: no new incidents for this site until the label is removed.`,
    '- Sự cố tự đóng khi trang hoạt động bình thường trở lại / closes by itself once the site is healthy again.',
  ];
  return lines.join('\n');
}

function evidenceLines(status: StatusFile, findings: readonly Finding[]): string[] {
  const out = [
    `- Trạng thái / State: \`${status.state}\`${status.reason ? ` (\`${status.reason}\`)` : ''}, checked ${status.checkedAt}, attempts ${status.attempts}`,
  ];
  if (status.error)
    out.push(`- Lỗi / Error: ${neutraliseInline(`${status.error.code}: ${status.error.message}`, 300)}`);
  const http = status.http;
  if (http) {
    const t = http.timings;
    const ms = (v: number | null) => (v === null ? '–' : `${Math.round(v)} ms`);
    out.push(
      `- HTTP ${http.status}; DNS ${ms(t.dns)}, connect ${ms(t.connect)}, TLS ${ms(t.tls)}, first byte ${ms(t.ttfb)}, total ${ms(t.total)}`,
    );
    if (http.redirects.length > 0)
      out.push(
        `- Chuyển hướng / Redirects: ${http.redirects.map((r) => `${r.status} ${neutraliseInline(r.url, 160)}`).join(' → ')} → ${neutraliseInline(http.finalUrl, 160)}`,
      );
  }
  if (status.tls)
    out.push(
      `- TLS: ${neutraliseInline(status.tls.issuer ?? 'unknown issuer', 120)}, valid to ${status.tls.validTo}${status.tls.error ? `, ${neutraliseInline(status.tls.error, 200)}` : ''}`,
    );
  if (status.defacement && status.defacement.verdict !== 'unknown')
    out.push(`- Defacement: \`${status.defacement.verdict}\`, score ${status.defacement.score}`);
  const signals = status.defacement?.signals ?? [];
  for (const finding of findings) {
    const signal = signals.find((s) => signalFingerprint(s) === finding.fingerprint);
    const evidence = signal?.evidence.map((e) => neutraliseInline(e, 160)).join(', ');
    out.push(
      `- ${neutraliseInline(finding.fingerprint, 200)}${signal ? ` (weight ${signal.weight})` : ''}: ${neutraliseInline(finding.detail, 300)}${evidence ? ` — ${evidence}` : ''}`,
    );
  }
  return out;
}

export function formatDuration(ms: number): { vi: string; en: string } {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const vi = [days ? `${days} ngày` : '', hours ? `${hours} giờ` : '', `${mins} phút`].filter(Boolean).join(' ');
  const en = [days ? `${days} d` : '', hours ? `${hours} h` : '', `${mins} min`].filter(Boolean).join(' ');
  return { vi, en };
}
