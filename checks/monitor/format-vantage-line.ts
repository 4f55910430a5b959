import type { VantageReport } from './vantage-tick.ts';

/**
 * One line on the vantage point for a tick's output, or null when there is nothing to say (no mass
 * network failure and no `network` incident), e.g. "vantage: 40 of 40 sites failed at the network
 * level (dns-timeout 40): site incidents frozen this tick; monitor incident opened (#7)".
 */
export function formatVantageLine(report: VantageReport): string | null {
  const { judgement, incident } = report;
  const opened = incident?.actions.find((a) => a.action === 'create-issue');
  const closed = incident?.actions.find((a) => a.action === 'resolve');
  const ref = (issue: number | null | undefined) => (issue ? ` (#${issue})` : '');
  const failures = `${judgement.networkFailures} of ${judgement.checked} sites failed at the network level`;
  if (judgement.failed) {
    const reasons = judgement.reasons.map((r) => `${r.reason} ${r.count}`).join(', ');
    const head = `vantage: ${failures} (${reasons}): site incidents frozen this tick`;
    if (incident === null) return `${head}; incidents off`;
    if (opened) return `${head}; monitor incident opened${ref(opened.issue)}`;
    return `${head}; monitor incident open${ref(incident.open?.issue?.number)}`;
  }
  if (closed) return `vantage: ${failures}; monitor incident closed${ref(closed.issue)}: site incidents tracked again`;
  if (incident?.open) return `vantage: ${failures}; monitor incident open${ref(incident.open.issue?.number)}`;
  return null;
}
