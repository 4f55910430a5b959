/**
 * An instant as ISO 8601 in a time zone, with that zone's offset: `2026-11-25T09:19:26.405+07:00`.
 * Statuspage writes its timestamps in the page's time zone this way, and clients parse the offset. Pure.
 */
export function isoInZone(instant: Date | string, timeZone: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new Error(`isoInZone: not an instant: ${String(instant)}`);
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      fractionalSecondDigits: 3,
      timeZoneName: 'longOffset',
    });
    formats.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
  // `longOffset` gives "GMT+07:00", or plain "GMT" for a zero offset.
  const offset = p.timeZoneName === 'GMT' ? 'Z' : String(p.timeZoneName).slice(3);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.${p.fractionalSecond}${offset}`;
}

const formats = new Map<string, Intl.DateTimeFormat>();
