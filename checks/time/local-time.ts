/** Instants as local calendar dates and wall-clock times in an IANA time zone. Pure. */

// Building a DateTimeFormat costs about a millisecond: once per zone, not once per site and run.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function cached(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  make: () => Intl.DateTimeFormat,
): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (!format) {
    format = make();
    cache.set(timeZone, format);
  }
  return format;
}

/** "2026-11-24" for an instant, in the given time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return cached(
    dateFormats,
    timeZone,
    () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  ).format(instant);
}

/** The local date and time of an instant as numbered parts, two digits each (four for the year). */
export function localParts(
  instant: Date,
  timeZone: string,
): { year: string; month: string; day: string; hour: string; minute: string } {
  const format = cached(
    dateTimeFormats,
    timeZone,
    () =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  );
  const p = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute! };
}

/** `dd/mm/yyyy HH:mm`, the Vietnamese convention (Intl's vi-VN puts the time first). */
export function localDateTime(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}
