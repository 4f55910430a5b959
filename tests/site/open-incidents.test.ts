import { expect, test } from 'vitest';
import type { InternalIncident, PublicIncident } from '../../checks/schemas/incident.ts';
import { issueHref, openIncidents } from '../../site/lib/open-incidents.ts';

const internal = (
  id: string,
  siteId: string,
  kind: InternalIncident['kind'],
  issueUrl: string | null,
): InternalIncident => ({
  id,
  siteId,
  track: kind === 'tls' ? 'tls' : kind === 'defaced' || kind === 'suspected' ? 'defacement' : 'availability',
  kind,
  issue: issueUrl
    ? { backend: issueUrl.startsWith('http') ? 'github' : 'local', repository: 'o/r', number: 7, url: issueUrl }
    : null,
  responders: ['nguyen-van-a'],
  reason: null,
  error: null,
  signals: [],
  redirects: [],
  timingsMs: {},
  acknowledged: false,
  log: [{ at: '2026-11-25T00:00:00.000Z', event: 'opened', detail: '' }],
});
const published = (
  id: string,
  severity: PublicIncident['severity'],
  state: PublicIncident['state'],
  startedAt: string,
): PublicIncident => ({
  id,
  siteId: 'x',
  publicKind: null,
  titleVi: '',
  titleEn: '',
  severity,
  state,
  startedAt,
  resolvedAt: null,
  updates: [],
});

test('open ones only, worst severity first, then oldest; issue links only for web addresses', () => {
  const rows = openIncidents(
    [
      internal('tls-1', 'a', 'tls', 'incidents/local/2.json'),
      internal('def-1', 'b', 'defaced', 'https://github.com/o/r/issues/7'),
      internal('down-old', 'c', 'down', null),
      internal('down-new', 'd', 'down', null),
      internal('gone', 'e', 'down', null),
      internal('orphan', 'f', 'suspected', null),
    ],
    [
      published('tls-1', 'major', 'open', '2026-11-25T01:00:00.000Z'),
      published('def-1', 'critical', 'open', '2026-11-25T02:00:00.000Z'),
      published('down-old', 'major', 'open', '2026-11-24T01:00:00.000Z'),
      published('down-new', 'major', 'open', '2026-11-25T03:00:00.000Z'),
      published('gone', 'major', 'resolved', '2026-11-24T01:00:00.000Z'),
    ],
    new Map([['b', 'Sở B']]),
  );
  expect(rows.map((r) => [r.id, r.siteName, r.severity, r.startedAt, r.issueHref])).toEqual([
    ['def-1', 'Sở B', 'critical', '2026-11-25T02:00:00.000Z', 'https://github.com/o/r/issues/7'],
    ['down-old', 'c', 'major', '2026-11-24T01:00:00.000Z', null],
    ['tls-1', 'a', 'major', '2026-11-25T01:00:00.000Z', null],
    ['down-new', 'd', 'major', '2026-11-25T03:00:00.000Z', null],
    ['orphan', 'f', 'warning', '2026-11-25T00:00:00.000Z', null],
  ]);
});

test.each([
  ['https://github.com/o/r/issues/7', 'https://github.com/o/r/issues/7'],
  ['incidents/local/2.json', null],
  ['javascript:alert(1)', null],
])('issueHref(%j)', (url, expected) => {
  expect(issueHref({ backend: 'github', repository: 'o/r', number: 1, url })).toBe(expected);
});
