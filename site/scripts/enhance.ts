/**
 * The status pages' only script, a progressive enhancement: every page is complete without it.
 * Bundled from site/lib (the same tested functions the build uses) and inlined by Astro into each
 * page, so there is no script file to fetch. It
 * - says how long ago the data was checked, and shows the stale warning when it is old;
 * - turns each bar strip (a site's or a group's days) into one keyboard control (a slider over the
 *   days: arrow keys, Home, End, PageUp/PageDown) with a tooltip, also shown on hover and tap;
 * - shows the search box and finds any site by name, ignoring diacritics, from the index it fetches
 *   the first time the box is used (site/lib/search-index.ts).
 */
import { decodeDays, dayTooltip, type BarDay } from '../lib/day-bars.ts';
import { dataAge } from '../lib/data-age.ts';
import { formatCount, type Lang } from '../lib/format.ts';
import { decodeGroupDays, groupDayTooltip, type GroupDay } from '../lib/group-days.ts';
import { prepareIndex, SEARCH_STATES, searchSites, type PreparedIndex, type SearchIndex } from '../lib/search-index.ts';

const lang: Lang = document.documentElement.lang === 'en' ? 'en' : 'vi';

function freshness() {
  for (const time of document.querySelectorAll<HTMLTimeElement>('time[data-ago]')) {
    const age = dataAge(time.dateTime, new Date(), lang);
    const out = time.parentElement?.querySelector<HTMLElement>('[data-ago-text]');
    if (!age || !out) continue;
    out.textContent = ` (${age.text})`;
    const stale = document.getElementById(time.dataset.ago ?? '');
    if (stale) stale.hidden = !age.stale;
  }
}
freshness();
setInterval(freshness, 60_000);

// One tooltip for the page, beside whichever bar is shown. The strip speaks the same text as its
// value (aria-valuetext), so the tooltip itself is hidden from screen readers.
const tip = document.createElement('div');
tip.className = 'tip';
tip.setAttribute('aria-hidden', 'true');
tip.hidden = true;
document.body.append(tip);
let hideTimer = 0;
const hideSoon = () => (hideTimer = window.setTimeout(() => (tip.hidden = true), 300));
tip.addEventListener('pointerenter', () => clearTimeout(hideTimer));
tip.addEventListener('pointerleave', hideSoon);
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') tip.hidden = true;
});
document.addEventListener('pointerdown', (e) => {
  if (!(e.target as Element).closest('.bars, .tip')) tip.hidden = true;
});

// Which strip and day the tooltip shows, so a pointer moving within one day does not re-lay it out.
let tipFor: { strip: HTMLElement; day: number } | undefined;

for (const strip of document.querySelectorAll<HTMLElement>('[data-days]')) {
  const end = strip.closest<HTMLElement>('[data-end]')?.dataset.end;
  if (!end) continue;
  // A group's strip (data-kind="g") carries its own day format and tooltip (lib/group-days.ts).
  const group = strip.dataset.kind === 'g';
  const days: (BarDay | GroupDay)[] = group
    ? decodeGroupDays(strip.dataset.days ?? '', end)
    : decodeDays(strip.dataset.days ?? '', end);
  if (days.length === 0) continue;
  const tooltip = (day: BarDay | GroupDay) => (group ? groupDayTooltip(day as GroupDay, lang) : dayTooltip(day, lang));
  // The strip is one SVG (SiteBars.astro), so a day is a slot of width/days.length, found by arithmetic.
  strip.style.setProperty('--n', String(days.length));
  let current = days.length - 1;
  const show = (i: number, focus: boolean) => {
    clearTimeout(hideTimer);
    current = Math.max(0, Math.min(days.length - 1, i));
    const text = tooltip(days[current]!);
    strip.setAttribute('aria-valuenow', String(current + 1));
    strip.setAttribute('aria-valuetext', text);
    strip.style.setProperty('--i', String(current));
    strip.classList.toggle('sel', focus);
    tip.textContent = text;
    tip.hidden = false;
    tipFor = { strip, day: current };
    const r = strip.getBoundingClientRect();
    const centre = r.left + ((current + 0.4) * r.width) / days.length; // the bar is the slot's first 0.8
    const w = tip.offsetWidth;
    tip.style.left = `${Math.max(4, Math.min(document.documentElement.clientWidth - w - 4, centre - w / 2)) + scrollX}px`;
    tip.style.top = `${r.top + scrollY - tip.offsetHeight - 6}px`;
  };
  const point = (e: PointerEvent) => {
    const r = strip.getBoundingClientRect();
    const i = Math.floor(((e.clientX - r.left) / r.width) * days.length);
    if (tip.hidden || tipFor?.strip !== strip || tipFor.day !== i) show(i, document.activeElement === strip);
    else clearTimeout(hideTimer);
  };
  strip.removeAttribute('aria-hidden');
  strip.tabIndex = 0;
  strip.setAttribute('role', 'slider');
  strip.setAttribute('aria-valuemin', '1');
  strip.setAttribute('aria-valuemax', String(days.length));
  strip.setAttribute('aria-valuenow', String(days.length));
  strip.setAttribute('aria-valuetext', tooltip(days[current]!));
  strip.setAttribute('aria-label', (strip.dataset.label ?? '').trim());
  strip.addEventListener('focus', () => show(current, true));
  strip.addEventListener('blur', () => {
    strip.classList.remove('sel');
    tip.hidden = true;
  });
  strip.addEventListener('keydown', (e) => {
    const step = {
      ArrowLeft: -1,
      ArrowDown: -1,
      ArrowRight: 1,
      ArrowUp: 1,
      PageUp: 7,
      PageDown: -7,
      Home: -days.length,
      End: days.length,
    }[e.key];
    if (step === undefined) return;
    e.preventDefault();
    show(current + step, true);
  });
  strip.addEventListener('pointermove', point);
  strip.addEventListener('pointerdown', point);
  // A mouse leaving hides the tooltip; a tap's tooltip stays until the next tap elsewhere.
  strip.addEventListener('pointerleave', (e) => {
    if (e.pointerType === 'mouse' && document.activeElement !== strip) hideSoon();
  });
}

/** Results shown at once; the status line says how many more there are. */
const SEARCH_SHOWN = 50;
const search = document.querySelector<HTMLElement>('[data-search]');
const input = search?.querySelector('input');
const results = search?.querySelector('ul');
const status = search?.querySelector<HTMLElement>('[role=status]');
if (search && input && results && status) {
  search.hidden = false;
  const states: string[] = JSON.parse(search.dataset.states ?? '[]');
  const prefix = lang === 'en' ? '/en' : '';
  let prepared: Promise<PreparedIndex> | undefined;
  const load = () => {
    prepared ??= fetch(search.dataset.search ?? '')
      .then((response) => {
        if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
        return response.json() as Promise<SearchIndex>;
      })
      .then(prepareIndex);
    return prepared;
  };
  const fill = (template: string, values: Record<string, number>) =>
    template.replace(/\{(\w+)\}/g, (_, key: string) => formatCount(values[key] ?? 0, lang));
  let asked = 0;
  const apply = async () => {
    const query = input.value;
    const ticket = ++asked;
    if (query.trim() === '') {
      results.replaceChildren();
      status.textContent = '';
      return;
    }
    let index: PreparedIndex;
    try {
      if (!prepared) status.textContent = search.dataset.loading ?? '';
      index = await load();
    } catch {
      prepared = undefined; // try again on the next keystroke
      status.textContent = search.dataset.failed ?? '';
      return;
    }
    if (ticket !== asked) return; // a newer query is on its way
    const { total, hits } = searchSites(index, query, SEARCH_SHOWN);
    results.replaceChildren(
      ...hits.map((hit) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = `${prefix}/site/${hit.id}/`;
        a.textContent = lang === 'en' ? hit.nameEn : hit.name;
        const meta = document.createElement('span');
        meta.className = 'meta';
        const groupName = hit.group ? (lang === 'en' ? hit.group[2] : hit.group[1]) : '';
        meta.textContent = ` ${groupName} · ${states[SEARCH_STATES.indexOf(hit.state)] ?? ''}`;
        li.append(a, meta);
        return li;
      }),
    );
    status.textContent =
      total === 0
        ? (search.dataset.none ?? '')
        : total > hits.length
          ? fill(search.dataset.more ?? '', { shown: hits.length, total })
          : fill(search.dataset.count ?? '', { n: total });
  };
  let timer = 0;
  input.addEventListener('focus', () => void load().catch(() => undefined), { once: true });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => void apply(), 120);
  });
  // Down from the box to the first result, up and down through them, up from the first back to the box.
  const links = () => [...results.querySelectorAll('a')];
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && links()[0]) {
      e.preventDefault();
      links()[0]!.focus();
    }
  });
  results.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const list = links();
    const at = list.indexOf(document.activeElement as HTMLAnchorElement);
    if (at === -1) return;
    e.preventDefault();
    if (e.key === 'ArrowUp' && at === 0) input.focus();
    else list[Math.max(0, Math.min(list.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))]!.focus();
  });
  if (input.value) void apply();
}
