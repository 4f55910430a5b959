import type { Kind, Level, Severity } from '../schemas/incident.ts';
import { neutraliseInline } from './neutralise.ts';
import type { Finding } from './observe.ts';
import { formatDuration, kindText } from './render-issue.ts';

/**
 * The comments a run posts on an incident's issue, Vietnamese first and English after, one function
 * per event; the title and body are in render-issue.ts. Fingerprints and details come from
 * monitored pages: they go through `neutraliseInline` like everything else a page wrote. Pure.
 */

/** One line per finding: what was found, and the page's own words about it. */
export function findingsList(findings: readonly Finding[]): string {
  // A fingerprint carries a subpage URL from the page: hostile text like the rest.
  return findings
    .map((f) => `- ${neutraliseInline(f.fingerprint, 200)}: ${neutraliseInline(f.detail, 300)}`)
    .join('\n');
}

export interface RelevelText {
  readonly from: { readonly kind: Kind; readonly level: Level };
  readonly to: { readonly kind: Kind; readonly level: Level };
  /** The severity at the new level. */
  readonly severity: Severity;
  /** Whether the severity rose (escalated) rather than fell or stayed (eased). */
  readonly rising: boolean;
  /** Findings not yet told on the issue; none, no list. */
  readonly fresh: readonly Finding[];
}

/** The incident moved to another level of its track (suspected → defaced, down → degraded, …). */
export function relevelComment(input: RelevelText): string {
  const from = kindText(input.from.kind, input.from.level);
  const to = kindText(input.to.kind, input.to.level);
  return [
    `**${input.rising ? 'Nâng mức / Escalated' : 'Giảm mức / Eased'}:** ${from.vi} → ${to.vi} / ${from.en} → ${to.en} (severity ${input.severity}).`,
    ...(input.fresh.length ? ['', findingsList(input.fresh)] : []),
  ].join('\n');
}

/** New evidence on an open defacement incident (another spam page, another signal). */
export function newFindingsComment(findings: readonly Finding[]): string {
  return ['**Dấu hiệu mới / New findings:**', '', findingsList(findings)].join('\n');
}

/** The comment that closes an incident once the site recovered; `durationMs` since it started. */
export function recoveredComment(durationMs: number): string {
  const duration = formatDuration(durationMs);
  return `**Đã khôi phục / Recovered** sau / after ${duration.vi} / ${duration.en}.`;
}

/**
 * The comment that closes an incident a responder labelled `false-positive`: the findings that no
 * longer count, and, when `baselineAccepted`, that the next check learns the current page.
 */
export function falsePositiveComment(fingerprints: readonly string[], baselineAccepted: boolean): string {
  return [
    '**Báo động nhầm / False positive.** Các dấu hiệu sau không còn được tính / these findings no longer count:',
    '',
    ...fingerprints.map((f) => `- ${neutraliseInline(f, 200)}`),
    ...(baselineAccepted
      ? [
          '',
          'Lần kiểm tra tới sẽ lấy trang hiện tại làm mốc mới / the next check takes the current page as the new baseline.',
        ]
      : []),
  ].join('\n');
}

/** A responder closed the issue, yet the site kept failing for `failingRuns` checks: it opens again. */
export function reopenComment(failingRuns: number): string {
  return `**Mở lại / Reopened:** trang vẫn lỗi sau ${failingRuns} lần kiểm tra kể từ khi đóng / still failing ${failingRuns} checks after this was closed.`;
}

/** Closes a second issue for the same incident (overlapping runs each made one); `number` stays. */
export function duplicateComment(number: number): string {
  return `Trùng với #${number} / Duplicate of #${number}.`;
}

/** Closes an issue of ours with no incident on record (its record was lost) once the track recovered. */
export function orphanComment(): string {
  return '**Đã khôi phục / Recovered.**';
}
