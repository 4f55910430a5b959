import * as core from '@actions/core';
import { appendFile } from 'node:fs/promises';
import { formatVantageLine } from '../monitor/format-vantage-line.ts';
import type { VantageReport } from '../monitor/vantage-tick.ts';
import type { StatusFile } from '../schemas/status.ts';

/** @actions/core's summary builder (its HTML helpers); only its buffer is used, never its `write`. */
export type SummaryBuilder = typeof core.summary;

/**
 * Appends a job summary section to `file`, the path the entry point read from $GITHUB_STEP_SUMMARY
 * once: the section is built with @actions/core's helpers, but written here, so that core does not
 * read the environment a second time (its `write()` does) and tests can name any file. Returns the text.
 */
export async function appendJobSummary(file: string, build: (summary: SummaryBuilder) => void): Promise<string> {
  const summary = core.summary.emptyBuffer();
  build(summary);
  const text = summary.stringify();
  summary.emptyBuffer();
  await appendFile(file, text);
  return text;
}

/**
 * The sites whose baseline was found damaged and moved aside, and that nobody has re-accepted since
 * (`defacement.baselineLost`): their reference is whatever the page looked like next, unreviewed, and a
 * page already defaced then would be taken as normal. Adds nothing when there are none.
 */
export function addLostBaselines(
  summary: SummaryBuilder,
  statuses: readonly Pick<StatusFile, 'id' | 'defacement'>[],
): SummaryBuilder {
  const lost = statuses
    .flatMap((s) => (s.defacement?.baselineLost ? [{ id: s.id, ...s.defacement.baselineLost }] : []))
    .sort((a, b) => a.id.localeCompare(b.id));
  if (lost.length === 0) return summary;
  return summary
    .addHeading(`Baselines lost (${lost.length})`, 3)
    .addRaw(
      'The baseline file did not parse and was moved aside; the next clean observation became the reference, unreviewed. ' +
        'Look at each page, then take a baseline on purpose: <code>npm run baseline -- accept &lt;id&gt;</code>.',
      true,
    )
    .addTable([
      [
        { data: 'site', header: true },
        { data: 'lost at', header: true },
        { data: 'damaged file kept as', header: true },
      ],
      ...lost.slice(0, 500).map((l) => [escapeHtml(l.id), escapeHtml(l.at), `<code>${escapeHtml(l.file)}</code>`]),
    ]);
}

/**
 * The vantage point, when this tick's failures pointed at the runner or its `network` incident is
 * open or just closed: said first, since it means the table below is about the runner, not the sites.
 * Adds nothing otherwise.
 */
export function addVantage(summary: SummaryBuilder, vantage: VantageReport | null): SummaryBuilder {
  const line = vantage && formatVantageLine(vantage);
  if (!line) return summary;
  return summary
    .addHeading(vantage.judgement.failed ? 'Runner network failed' : 'Runner network', 3)
    .addRaw(escapeHtml(line), true);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
