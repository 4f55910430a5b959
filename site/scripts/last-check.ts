/**
 * The internal site pages' per-run section (components/internal/InternalSiteDetails.astro): the
 * page's HTML holds only what stays the same from run to run, so that it can be kept between builds;
 * what every run changes (when it checked, timings, DNS time, size, response headers) this script
 * reads from the site's status file the internal build copies beside the pages (`/status/<id>.json`)
 * and fills into the section's `<template>`, which names each value's place with `data-run`. Without
 * the script the section is a link to that file. Values are set with `textContent` only: the file
 * holds text from monitored servers. Internal build only.
 */
import type { Lang } from '../lib/format.ts';
import { formatBytes, formatInstant, formatMs, type LastCheckRun, lastCheckRun, plainLine } from '../lib/last-check.ts';

const lang: Lang = document.documentElement.lang === 'en' ? 'en' : 'vi';

function fill(place: HTMLElement, run: LastCheckRun, timeZone: string): void {
  const key = place.dataset.run ?? '';
  if (key === 'checkedAt') {
    place.textContent = run.checkedAt ? formatInstant(run.checkedAt, timeZone) : '—';
    if (run.checkedAt) place.dataset.at = run.checkedAt;
  } else if (key === 'bytes') place.textContent = formatBytes(run.bytes, lang);
  else if (key === 'dns-ms') place.textContent = formatMs(run.dnsMs, lang);
  else if (key.startsWith('timing-')) {
    const phase = key.slice('timing-'.length) as keyof NonNullable<LastCheckRun['timings']>;
    place.textContent = formatMs(run.timings?.[phase] ?? null, lang);
  } else if (key === 'headers') {
    for (const [name, value] of run.headers) {
      const dt = document.createElement('dt');
      const dd = document.createElement('dd');
      dt.append(document.createElement('code'));
      dd.append(document.createElement('code'));
      dt.firstElementChild!.textContent = plainLine(name, 60);
      dd.firstElementChild!.textContent = plainLine(value, 200);
      place.append(dt, dd);
    }
    if (run.headers.length === 0) place.hidden = true;
  }
}

for (const section of document.querySelectorAll<HTMLElement>('[data-last-check]')) {
  const template = section.querySelector('template');
  const url = section.dataset.lastCheck;
  if (!template || !url) continue;
  fetch(url)
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
    .then((json: unknown) => {
      const run = lastCheckRun(json);
      if (!run) return;
      const body = template.content.cloneNode(true) as DocumentFragment;
      for (const place of body.querySelectorAll<HTMLElement>('[data-run]'))
        fill(place, run, section.dataset.tz ?? 'UTC');
      section.append(body);
      section.dataset.loaded = '';
    })
    .catch(() => {
      const note = document.createElement('p');
      note.textContent =
        lang === 'vi'
          ? 'Không đọc được bản ghi lần kiểm tra gần nhất; mở liên kết ở trên.'
          : "Could not read the last check's record; open the link above.";
      section.append(note);
    });
}
