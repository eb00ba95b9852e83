/**
 * HubSoft filters ticket lists by whole days (`YYYY-MM-DD`) of its own local time, UTC-03:00
 * (Brasília, no daylight saving since 2019). These turn instants into those days and back.
 */

const SERVER_OFFSET_MS = 3 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** The server's calendar day that contains `instant`. */
export function hubsoftDay(instant: Date): string {
  return new Date(instant.getTime() - SERVER_OFFSET_MS).toISOString().slice(0, 10);
}

/** `day` moved by `days` (negative for earlier). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
