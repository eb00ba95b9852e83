/**
 * A day HubSoft gave without a time (fact 46: the detail and create answers' `dd/mm/yyyy`). The
 * cache keeps it as 00:00 of that day on HubSoft's calendar, UTC-03:00 (fact 47), so the day is
 * read back on that calendar, whatever this computer's time zone.
 */
const SERVER_OFFSET_MS = -3 * 3_600_000;

function partsOf(date: Date): { day: string; month: string; year: string } {
  const shifted = new Date(date.getTime() + SERVER_OFFSET_MS);
  return {
    day: String(shifted.getUTCDate()).padStart(2, '0'),
    month: String(shifted.getUTCMonth() + 1).padStart(2, '0'),
    year: String(shifted.getUTCFullYear()),
  };
}

/** The day on HubSoft's calendar, month 1-12, for the UI to write in its language. */
export function serverDayParts(date: Date): { year: number; month: number; day: number } {
  const { day, month, year } = partsOf(date);
  return { year: Number(year), month: Number(month), day: Number(day) };
}

/** `yyyy-MM-dd`, the form of a `<time datetime>` that has a day and no time. */
export function serverDayAttribute(date: Date): string {
  const { day, month, year } = partsOf(date);
  return `${year}-${month}-${day}`;
}
