import { describe, expect, it } from 'vitest';
import {
  carriedFindings,
  MAX_RECHECKS,
  pagesToRecheck,
  unreadSite,
  type SubpageOutcome,
} from '../../checks/defacement/subpage-memory.ts';
import type { Defacement, Signal } from '../../checks/schemas/defacement.ts';

const SITE = 'https://so-mau.gov.vn/';
const finding = (path: string, weight = 70, detail = `Internal page ${SITE}${path}: gambling terms.`): Signal => ({
  kind: 'subpage-spam',
  weight,
  detail,
  evidence: ['nhà cái uy tín'],
  url: `${SITE}${path}`,
});
const last = (...signals: Signal[]): Defacement => ({ verdict: 'defaced', score: 70, signals, baseline: null });
const homeSignal: Signal = { kind: 'title-change', weight: 20, detail: 'The title changed.', evidence: [] };

describe('pagesToRecheck', () => {
  it('names the flagged internal pages, heaviest first, and nothing else', () => {
    expect(pagesToRecheck(last(homeSignal, finding('a.html', 30), finding('b.html', 70)))).toEqual([
      `${SITE}b.html`,
      `${SITE}a.html`,
    ]);
    expect(pagesToRecheck(null)).toEqual([]);
    expect(pagesToRecheck(last(homeSignal))).toEqual([]);
  });

  it(`re-checks at most ${MAX_RECHECKS} pages a run`, () => {
    const many = Array.from({ length: 9 }, (_, i) => finding(`p${i}.html`, 30 + i));
    expect(pagesToRecheck(last(...many))).toEqual(['p8', 'p7', 'p6', 'p5', 'p4'].map((p) => `${SITE}${p}.html`));
  });
});

describe('carriedFindings', () => {
  const outcomes = (entries: [string, SubpageOutcome][]) => new Map(entries.map(([p, o]) => [`${SITE}${p}`, o]));

  it('drops pages read again (judged afresh) and pages gone; carries unreachable and unread ones, marked', () => {
    const previous = last(
      homeSignal,
      finding('read.html'),
      finding('gone.html'),
      finding('down.html'),
      finding('unread.html'),
    );
    const carried = carriedFindings(
      previous,
      outcomes([
        ['read.html', 'analysed'],
        ['gone.html', 'gone'],
        ['down.html', 'unreachable'],
      ]),
    );
    expect(carried.map((s) => [s.url, s.detail])).toEqual([
      [
        `${SITE}down.html`,
        `Not re-read this run (the page did not answer): Internal page ${SITE}down.html: gambling terms.`,
      ],
      [
        `${SITE}unread.html`,
        `Not re-read this run (more flagged pages than this run re-checks): Internal page ${SITE}unread.html: gambling terms.`,
      ],
    ]);
    expect(carried[0]).toMatchObject({ kind: 'subpage-spam', weight: 70, evidence: ['nhà cái uy tín'] });
  });

  it('never stacks the mark when a finding is carried run after run', () => {
    const once = carriedFindings(last(finding('down.html')), outcomes([['down.html', 'unreachable']]));
    const twice = carriedFindings(last(...once), outcomes([['down.html', 'unreachable']]));
    expect(twice).toEqual(once);
  });

  it('carries nothing without a previous verdict', () => {
    expect(carriedFindings(null, new Map())).toEqual([]);
  });
});

describe('unreadSite', () => {
  it("keeps last run's internal-page findings, marked, under no verdict; the home page's are dropped", () => {
    const previous: Defacement = {
      ...last(homeSignal, finding('doorway.html')),
      baseline: { capturedAt: '2026-11-25T01:00:00.000Z' },
    };
    expect(unreadSite(previous)).toEqual({
      verdict: 'unknown',
      score: 0,
      signals: [
        {
          ...finding('doorway.html'),
          detail: `Not re-read this run (the site did not answer): Internal page ${SITE}doorway.html: gambling terms.`,
        },
      ],
      baseline: { capturedAt: '2026-11-25T01:00:00.000Z' },
    });
  });

  it('is null when there is nothing to carry, and the mark never stacks over several outages', () => {
    expect(unreadSite(null)).toBeNull();
    expect(unreadSite(last(homeSignal))).toBeNull();
    const once = unreadSite(last(finding('doorway.html')))!;
    expect(unreadSite(once)).toEqual(once);
    // Back up after the outage: the page is fetched again.
    expect(pagesToRecheck(once)).toEqual([`${SITE}doorway.html`]);
  });

  it('carries a lost baseline through the outage, with or without flagged pages: an outage reviews nothing', () => {
    const baselineLost = {
      at: '2026-11-25T02:00:00.000Z',
      file: 'baselines/so-mau.json.corrupt-2026-11-25T020000000Z',
    };
    const baseline = { capturedAt: '2026-11-25T02:00:00.000Z' };
    expect(unreadSite({ ...last(homeSignal), baseline, baselineLost })).toEqual({
      verdict: 'unknown',
      score: 0,
      signals: [],
      baseline,
      baselineLost,
    });
    expect(unreadSite({ ...last(finding('doorway.html')), baselineLost })?.baselineLost).toEqual(baselineLost);
  });
});
