/**
 * The status pages' only script, a progressive enhancement: every page is complete without it.
 * Bundled from site/lib (the same tested functions the build uses) and inlined by Astro into each
 * page, so there is no script file to fetch. It
 * - says how long ago the data was checked, and shows the stale warning when it is old;
 * - turns each site's bar strip into one keyboard control (a slider over the days: arrow keys,
 *   Home, End, PageUp/PageDown) with a tooltip, also shown on hover and tap;
 * - filters the home page's sites by name, ignoring diacritics.
 */
import { decodeDays, dayTooltip, type BarDay } from '../lib/day-bars.ts';
import { dataAge } from '../lib/data-age.ts';
import { foldForSearch, type Lang } from '../lib/format.ts';

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
  const days: BarDay[] = decodeDays(strip.dataset.days ?? '', end);
  if (days.length === 0) continue;
  // The strip is one SVG (SiteBars.astro), so a day is a slot of width/days.length, found by arithmetic.
  strip.style.setProperty('--n', String(days.length));
  let current = days.length - 1;
  const show = (i: number, focus: boolean) => {
    clearTimeout(hideTimer);
    current = Math.max(0, Math.min(days.length - 1, i));
    const text = dayTooltip(days[current]!, lang);
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
  strip.setAttribute('aria-valuetext', dayTooltip(days[current]!, lang));
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

const filter = document.querySelector<HTMLElement>('[data-filter]');
const input = filter?.querySelector('input');
if (filter && input) {
  filter.hidden = false;
  const count = filter.querySelector<HTMLElement>('[role=status]');
  const none = document.querySelector<HTMLElement>('[data-nomatch]');
  const rows = [...document.querySelectorAll<HTMLElement>('[data-site]')].map((li) => ({
    li,
    text: foldForSearch(
      `${li.querySelector('a')?.textContent ?? ''} ${li.closest('[data-agency]')?.querySelector('h4')?.textContent ?? ''}`,
    ),
  }));
  const sections = [...document.querySelectorAll<HTMLElement>('[data-agency], [data-group]')];
  let timer = 0;
  const apply = () => {
    const q = foldForSearch(input.value);
    let shown = 0;
    for (const row of rows) {
      row.li.hidden = q !== '' && !row.text.includes(q);
      if (!row.li.hidden) shown += 1;
    }
    for (const section of sections) section.hidden = !section.querySelector('[data-site]:not([hidden])');
    if (none) none.hidden = shown > 0;
    if (count)
      count.textContent =
        q === ''
          ? ''
          : (filter.dataset.count ?? '').replace('{shown}', String(shown)).replace('{total}', String(rows.length));
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(apply, 120);
  });
  if (input.value) apply();
}
