import path from 'node:path';
import { analysePage, analyseWithHomeSignals, type Analysis } from '../analysis/analyse-page.ts';
import { identityNames } from '../analysis/identity.ts';
import { scoreOf, verdictOf } from '../analysis/verdict.ts';
import { createBaseline, updateBaseline, type Baseline } from '../analysis/baseline.ts';
import type { PageModel } from '../analysis/page-model.ts';
import { textExcerpt } from '../analysis/text-excerpt.ts';
import { domainOfHost } from '../analysis/registrable-domain.ts';
import { inlineExtractor, type ModelExtractor } from './model-extractor.ts';
import { modelBytes } from './model-bytes.ts';
import type { Subpage } from '../analysis/signals/subpage-spam.ts';
import { decodeWith } from '../probes/decode-body.ts';
import { probeUrl, type ProbeAttempt, type ProbeDeps, type RawPage } from '../probes/http-probe.ts';
import type { DefacementSettings, ProbeSettings } from '../schemas/config.ts';
import type { BaselineLost, Defacement } from '../schemas/defacement.ts';
import type { HttpResult } from '../schemas/status.ts';
import type { Site } from '../schemas/site.ts';
import { shouldCapture, type VisualTier } from '../visual/visual-tier.ts';
import { encodeEvidence } from '../visual/evidence.ts';
import { clearAcceptRequest, hasAcceptRequest } from './baseline-requests.ts';
import { readBaseline, readBaselineScreenshot, writeBaseline, writeBaselineScreenshot } from './baseline-store.ts';
import {
  internalUrl,
  orphanSample,
  readSitemap,
  rotatingSample,
  sameSiteLinks,
  type SitemapPage,
} from './sample-pages.ts';
import { isVariantRun, variantHeaders } from './variants.ts';
import { carriedFindings, pagesToRecheck, type SubpageOutcome } from './subpage-memory.ts';
import { readLastStatus } from '../store/read-status.ts';
import { baselineUpdateDue } from './baseline-schedule.ts';
import { judgementBasis, reusableJudgement } from './reuse-judgement.ts';

export interface InspectRequest {
  readonly site: Site;
  /** The home page as the counted attempt fetched it, and where its redirects ended. */
  readonly page: RawPage;
  readonly finalUrl: string;
  readonly probe: ProbeSettings;
  readonly settings: DefacementSettings;
  readonly allowPrivate: boolean;
  readonly dataDir: string;
  readonly now: Date;
  /** The run's slot (e.g. minutes since the epoch / 5): drives the rotations. */
  readonly rotation: number;
  /**
   * Ids with a baseline accept request pending, listed once per run (`listAcceptRequests`); when
   * absent, this site's marker file is looked up.
   */
  readonly acceptRequests?: ReadonlySet<string>;
}

export interface InspectDeps extends ProbeDeps {
  readonly visual: VisualTier | null;
  /** Where pages are modelled: worker threads in a run, inline by default. */
  readonly extractor?: ModelExtractor;
  /** Routine (not suspicious) screenshots left in this run; shared by all sites of the run. */
  readonly routineScreenshots?: { take(): boolean };
}

export interface Inspection {
  readonly defacement: Defacement;
  readonly notices: readonly string[];
}

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)/i;
const inline = inlineExtractor();

/**
 * Looks at a site that answered: the home page, its cloaking variants on their turn, a rotating
 * sample of internal pages, and a screenshot when suspicious or due; judges it against the baseline
 * (pure analysis), then keeps the baseline: created on first clean sight or on an accept request,
 * updated from clean observations at most every `baseline_refresh_hours`, never from a suspicious one.
 */
export async function inspectSite(request: InspectRequest, deps: InspectDeps): Promise<Inspection> {
  const { site, settings, dataDir, now } = request;
  const notices: string[] = [];
  const [stored, last, acceptRequested] = await Promise.all([
    readBaseline(dataDir, site.id, now.toISOString()),
    readLastStatus(dataDir, site.id, now.toISOString()),
    request.acceptRequests ? request.acceptRequests.has(site.id) : hasAcceptRequest(dataDir, site.id),
  ]);
  if (stored.notice) notices.push(stored.notice);
  if (last.notice) notices.push(`${last.notice.file}: ${last.notice.message}`);
  const previous = last.defacement;
  const baseline = acceptRequested ? null : stored.baseline;
  const options = { ignoreSelectors: site.checks.ignore_selectors };
  const modeller = deps.extractor ?? inline;
  // Every model is held until the site's check ends: it counts against the run's byte budget as its page did.
  const extractor: Pick<ModelExtractor, 'extract'> = {
    async extract(...args) {
      const extracted = await modeller.extract(...args);
      await deps.chargeBytes?.(modelBytes(extracted.model));
      return extracted;
    },
  };
  const wantVariants = baseline === null || isVariantRun(site.id, request.rotation, settings.variants_every_runs);

  // Modelling the home page is most of a run's CPU, and most portals serve the same bytes run after
  // run: when nothing it was judged from has changed, its signals of the last run still stand.
  const { bytes, charset } = request.page;
  const names = identityNames(site);
  const context = {
    charset,
    finalUrl: request.finalUrl,
    siteUrl: site.url,
    keywords: site.checks.keywords,
    names,
    ignoreSelectors: options.ignoreSelectors,
  };
  const basis = judgementBasis(bytes, context, baseline);
  const reuse = reusableJudgement({
    previous,
    basis,
    baseline,
    acceptRequested,
    fetchesVariants: wantVariants,
    now,
    refreshHours: settings.baseline_refresh_hours,
  });
  let model: PageModel | null = null;
  let links: readonly string[] = [];
  if (!reuse.reuse) {
    const home = await extractor.extract(
      bytes,
      charset,
      request.finalUrl,
      options.ignoreSelectors,
      settings.sample_pages > 0,
    );
    model = home.model;
    links = home.links ?? [];
  } else if (settings.sample_pages > 0) {
    // The sample of internal pages comes from the home page's links: decoding and scanning them costs
    // about 0.9 ms for 165 KB on the main thread, a third of modelling the page; the text is dropped at once.
    links = sameSiteLinks(decodeWith(bytes, charset), request.finalUrl);
  }

  const fetchPage = async (url: string, headers?: Record<string, string>): Promise<FetchedPage> => {
    const attempt = await probeUrl(
      { url, settings: request.probe, allowPrivate: request.allowPrivate, ...(headers ? { headers } : {}) },
      deps,
    );
    // Only the model is kept from here on.
    return releasing(attempt, deps, { outcome: 'unreachable', model: null }, pageModel);
  };
  const pageModel = async (page: RawPage, http: HttpResult): Promise<FetchedPage> => {
    if (http.status === 404 || http.status === 410) return { outcome: 'gone', model: null };
    if (http.status >= 400) return { outcome: 'unreachable', model: null };
    // Not a page (a PDF, an image): nothing to judge, and nothing there to carry forward either.
    if (!HTML_TYPES.test(http.headers['content-type'] ?? 'text/html')) return { outcome: 'gone', model: null };
    const { model } = await extractor.extract(page.bytes, page.charset, http.finalUrl, options.ignoreSelectors, false);
    return { outcome: 'analysed', model };
  };
  const fetchModel = async (url: string, headers?: Record<string, string>) => (await fetchPage(url, headers)).model;

  const headers = variantHeaders(site.url);
  const [googlebot, googleReferer, subpages] = await Promise.all([
    wantVariants ? fetchModel(site.url, headers.googlebot) : null,
    wantVariants ? fetchModel(site.url, headers.googleReferer) : null,
    sampleSubpages(request, links, fetchPage, deps, baseline === null, pagesToRecheck(previous)),
  ]);
  const variants = { ...(googlebot ? { googlebot } : {}), ...(googleReferer ? { googleReferer } : {}) };

  const carried = carriedFindings(previous, subpages.outcomes);
  let analysis =
    reuse.reuse && baseline !== null
      ? analyseWithHomeSignals({ homeSignals: reuse.homeSignals, baseline, subpages: subpages.pages, carried })
      : analysePage(
          {
            model,
            baseline,
            variants,
            keywords: site.checks.keywords,
            names,
            siteUrl: site.url,
            finalUrl: request.finalUrl,
            subpages: subpages.pages,
            carried,
          },
          now,
        );
  let signals = analysis.defacement.signals;

  // Screenshots cost about a second each: only when something is already suspicious, or routinely when due.
  let screenshot: Buffer | null = null;
  if (deps.visual && site.checks.visual && settings.visual.enabled) {
    const lastCapturedAt = baseline?.updatedAt ?? null;
    const decision = shouldCapture({
      suspicious: analysis.defacement.verdict !== 'clean',
      lastCapturedAt,
      everyHours: settings.visual.every_hours,
      now,
      enabled: deps.visual.enabled,
    });
    // Suspicion always gets a screenshot; routine ones (first and due) come out of the run's allowance.
    if (decision.capture && (decision.reason === 'suspicious' || (deps.routineScreenshots?.take() ?? true))) {
      const shot = acceptRequested ? null : await readBaselineScreenshot(dataDir, site.id);
      if (shot?.notice) notices.push(shot.notice);
      const baselineShot = shot?.screenshot ?? null;
      const capture = await deps.visual.capture(site.id, request.finalUrl, baselineShot, now, options);
      screenshot = capture.screenshotPng;
      if (capture.signal) {
        signals = [...signals, capture.signal].sort((a, b) => b.weight - a.weight);
        analysis = rescoreWithSignals(analysis, signals);
      }
    }
  }

  const defacement = analysis.defacement;
  // An accept request takes this observation whatever it looks like: a responder decided.
  // No model means the judgement was reused, which happens only when no baseline write is due.
  const next =
    model === null
      ? null
      : acceptRequested
        ? createBaseline(model, now, names)
        : nextBaseline(baseline, analysis.baselineAction, model, now, settings.baseline_refresh_hours, names);
  if (next !== null) {
    await writeBaseline(dataDir, site.id, next);
    // The screenshot is kept only with a new baseline (first sight, accepted): an image does not
    // delta-compress, and rewriting 1,000 of them on every learning step would swamp the repository.
    if (screenshot && next.capturedAt === now.toISOString()) {
      await writeBaselineScreenshot(dataDir, site.id, await encodeEvidence(screenshot));
    }
  }
  if (acceptRequested) await clearAcceptRequest(dataDir, site.id);
  // The status names the baseline now in force: a new one when this observation became it.
  const inForce =
    next !== null && next.capturedAt === now.toISOString() ? { capturedAt: next.capturedAt } : defacement.baseline;
  // What the home page was judged from, for the next run to compare; nothing when there was no page to judge.
  const analysed = defacement.verdict === 'unknown' ? {} : { analysed: basis };
  // The text diff responders read: only for a suspicious page (status files of clean sites stay small).
  const suspicious = defacement.verdict === 'suspected' || defacement.verdict === 'defaced';
  const excerpt = !suspicious
    ? undefined
    : model
      ? { baseline: baseline?.excerpt ?? null, current: textExcerpt(model.text) }
      : previous?.excerpt;
  const baselineLost = lostBaseline(previous, stored.movedTo, acceptRequested, dataDir, now);
  return {
    defacement: {
      ...defacement,
      baseline: inForce,
      ...(baselineLost ? { baselineLost } : {}),
      ...analysed,
      ...(excerpt ? { excerpt } : {}),
    },
    notices,
  };
}

/**
 * Whether the site's reference was lost and nobody has looked since: a baseline moved aside this run,
 * or one lost earlier (the first loss is kept: every observation since is unreviewed). A responder's
 * accept request ends it, since the baseline taken then is one a person chose.
 */
function lostBaseline(
  previous: Defacement | null,
  movedTo: string | null,
  acceptRequested: boolean,
  dataDir: string,
  now: Date,
): BaselineLost | null {
  if (acceptRequested) return null;
  if (previous?.baselineLost) return previous.baselineLost;
  if (movedTo === null) return null;
  return { at: now.toISOString(), file: path.relative(dataDir, movedTo).split(path.sep).join('/') };
}

/**
 * The analysis re-scored with `signals`, which add to its own those found outside the pure analysis
 * (the screenshot): score and verdict recomputed from them; the baseline is held (`keep`) unless the
 * page is still clean, so a page only the screenshot found suspicious is never learnt as the reference.
 */
function rescoreWithSignals(analysis: Analysis, signals: Defacement['signals']): Analysis {
  const score = scoreOf(signals);
  const verdict = verdictOf(score);
  return {
    defacement: { ...analysis.defacement, signals, score, verdict },
    baselineAction: verdict === 'clean' ? analysis.baselineAction : 'keep',
  };
}

/**
 * The baseline to write, or null to leave the file alone: created on first clean sight, then clean
 * observations folded in on the doubling schedule of `baselineUpdateDue` (1 h, 2 h, 4 h, … up to `maxHours`).
 */
export function nextBaseline(
  current: Baseline | null,
  action: 'create' | 'update' | 'keep',
  model: PageModel,
  now: Date,
  maxHours: number,
  names: readonly string[] = [],
): Baseline | null {
  if (action === 'keep') return null;
  if (current === null || action === 'create') return createBaseline(model, now, names);
  return baselineUpdateDue(current, now, maxHours) ? updateBaseline(current, model, now, names) : null;
}

interface FetchedPage {
  readonly outcome: SubpageOutcome;
  readonly model: PageModel | null;
}

interface SampledSubpages {
  readonly pages: Subpage[];
  /** Every internal page fetched this run and what became of it. */
  readonly outcomes: Map<string, SubpageOutcome>;
}

async function sampleSubpages(
  request: InspectRequest,
  homeLinks: readonly string[],
  fetchPage: (url: string) => Promise<FetchedPage>,
  deps: ProbeDeps,
  firstLook: boolean,
  recheck: readonly string[],
): Promise<SampledSubpages> {
  const { site, settings, rotation } = request;
  const base = new URL(request.finalUrl);
  const domain = domainOfHost(new URL(site.url).hostname);
  const configured = site.checks.pages.map((p) => new URL(p, site.url).href);
  const home = new Set([site.url, request.finalUrl]);
  if (settings.sample_pages === 0 && configured.length === 0 && recheck.length === 0)
    return { pages: [], outcomes: new Map() };
  const linked = settings.sample_pages === 0 ? [] : homeLinks.filter((u) => !home.has(u));
  // Sitemap reads happen every `sitemap_every_runs` slots, so they are counted by `read`, not by the slot.
  const read = Math.floor(rotation / settings.sitemap_every_runs);
  let orphans: SitemapPage[] = [];
  if (firstLook || isVariantRun(`${site.id}:sitemap`, rotation, settings.sitemap_every_runs)) {
    const listed = await readSitemap(new URL('/sitemap.xml', base).href, read, (url) => fetchText(url, request, deps));
    const fromHome = new Set(linked);
    orphans = listed.flatMap((page) => {
      const url = internalUrl(page.url, base, domain);
      return url === null || home.has(url) || fromHome.has(url) ? [] : [{ url, lastmod: page.lastmod }];
    });
  }
  // Pages in the sitemap that the home page does not link to are where injected doorways hide:
  // they get half the sample whenever the sitemap is read, plus the newest of them.
  const orphanShare = orphans.length > 0 ? Math.ceil(settings.sample_pages / 2) : 0;
  const sample = [
    ...orphanSample(orphans, orphanShare, read),
    ...rotatingSample(linked, settings.sample_pages - orphanShare, rotation),
  ];
  const urls = [...new Set([...recheck, ...configured, ...sample])];
  const fetched = await Promise.all(urls.map(async (url) => ({ url, ...(await fetchPage(url)) })));
  return {
    pages: fetched.flatMap(({ url, model }) => (model ? [{ url, model }] : [])),
    outcomes: new Map(fetched.map(({ url, outcome }) => [url, outcome])),
  };
}

/** A text resource (sitemap.xml) of the site, or null when it is missing or failed. */
async function fetchText(url: string, request: InspectRequest, deps: ProbeDeps): Promise<string | null> {
  const attempt = await probeUrl({ url, settings: request.probe, allowPrivate: request.allowPrivate }, deps);
  return releasing(attempt, deps, null, (page, http) =>
    http.status === 200 ? decodeWith(page.bytes, page.charset) : null,
  );
}

/**
 * `use(page, http)` of a fetch that answered (`none` for one that failed), after which the page's
 * bytes go back to the run's byte budget whatever happened: only what `use` returns is kept.
 */
async function releasing<T>(
  attempt: ProbeAttempt,
  deps: ProbeDeps,
  none: T,
  use: (page: RawPage, http: HttpResult) => T | Promise<T>,
): Promise<T> {
  if (!attempt.page) return none;
  try {
    return attempt.failure || !attempt.http ? none : await use(attempt.page, attempt.http);
  } finally {
    deps.refundBytes?.(attempt.page.bytes.length);
  }
}
