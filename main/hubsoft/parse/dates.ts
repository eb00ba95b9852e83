/**
 * HubSoft's dates, all turned into ISO 8601 UTC strings. Naive strings are the server's local time,
 * UTC-03:00 (Brasília, no daylight saving since 2019); `*_timestamp` fields are UTC epoch ms.
 * Functions answer null for "no date" and a string problem for a value that is not a date.
 */

import type { DatePrecision } from '../model';

const SERVER_OFFSET_MINUTES = -180;

/** Earliest plausible epoch-ms value (1990): anything below is seconds or garbage, not a date. */
const MIN_EPOCH_MS = 631_152_000_000;
/** 9999-12-31T23:59:59.999Z: beyond it Date cannot print an ISO string. */
const MAX_EPOCH_MS = 253_402_300_799_999;

export interface DateProblem {
  problem: string;
}

export type DateResult = string | null | DateProblem;

export function isDateProblem(value: DateResult): value is DateProblem {
  return typeof value === 'object' && value !== null;
}

const dateOnly = /^(?:\d{2}\/\d{2}\/\d{4}|\d{4}-\d{2}-\d{2})$/;

/**
 * Fact 46: the detail and create answers give `data_cadastro`/`data_fechamento` as `dd/mm/yyyy`,
 * a day without a time; every other form (timestamps, `*_br`, model rows, PHP objects) has one.
 */
export function precisionOf(value: unknown): DatePrecision {
  return typeof value === 'string' && dateOnly.test(value.trim()) ? 'day' : 'time';
}

const DAY_MS = 86_400_000;

/** The server's calendar day (UTC-03:00) an ISO instant falls on, as a day number. */
export function serverDayOf(iso: string): number {
  return Math.floor((Date.parse(iso) + SERVER_OFFSET_MINUTES * 60_000) / DAY_MS);
}

const isoDateTime =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/;
const brazilianDateTime = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const explicitOffset = /(?:Z|[+-]\d{2}:?\d{2})$/;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

function wallClockToIso(clock: WallClock, offsetMinutes: number): DateResult {
  const { year, month, day, hour, minute, second, millisecond } = clock;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const check = new Date(asUtc);
  const valid =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  if (!valid) return { problem: 'não é uma data válida' };
  return new Date(asUtc - offsetMinutes * 60_000).toISOString();
}

function readWallClock(text: string): WallClock | null {
  const iso = isoDateTime.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac] = iso;
    return {
      year: Number(y),
      month: Number(mo),
      day: Number(d),
      hour: Number(h ?? 0),
      minute: Number(mi ?? 0),
      second: Number(s ?? 0),
      millisecond: frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0,
    };
  }
  const br = brazilianDateTime.exec(text);
  if (br) {
    const [, d, mo, y, h, mi, s] = br;
    return {
      year: Number(y),
      month: Number(mo),
      day: Number(d),
      hour: Number(h ?? 0),
      minute: Number(mi ?? 0),
      second: Number(s ?? 0),
      millisecond: 0,
    };
  }
  return null;
}

/** `YYYY-MM-DD[ HH:MM[:SS]]`, `DD/MM/YYYY[ HH:MM[:SS]]` as server-local time; ISO with offset as is. */
export function naiveDateToIso(value: unknown): DateResult {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'string') return { problem: 'não é uma data em texto' };
  const text = value.trim();
  if (text === '' || text.startsWith('0000-00-00')) return null;
  const clock = readWallClock(text);
  if (clock) return wallClockToIso(clock, SERVER_OFFSET_MINUTES);
  if (explicitOffset.test(text)) {
    const ms = Date.parse(text);
    if (Number.isFinite(ms)) return new Date(ms).toISOString();
  }
  return { problem: `tem um formato de data desconhecido ("${text.slice(0, 40)}")` };
}

export function epochMsToIso(value: unknown): DateResult {
  if (value === null || value === undefined || value === '') return null;
  const ms = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    return { problem: 'não é um instante em milissegundos' };
  }
  if (ms < MIN_EPOCH_MS) return { problem: 'parece estar em segundos, não em milissegundos' };
  if (ms > MAX_EPOCH_MS) return { problem: 'é um instante fora do calendário' };
  return new Date(ms).toISOString();
}

/** Offset of an IANA zone at a given instant, in minutes east of UTC. */
function zoneOffsetMinutes(timeZone: string, atUtcMs: number): number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const parts = Object.fromEntries(format.formatToParts(atUtcMs).map((p) => [p.type, p.value]));
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return Math.round((wall - Math.floor(atUtcMs / 1000) * 1000) / 60_000);
}

const fixedOffset = /^([+-])(\d{2}):?(\d{2})$/;
const zoneAbbreviations: Record<string, number> = { UTC: 0, GMT: 0, Z: 0, BRT: -180, BRST: -120 };

function offsetForZone(zone: string, clock: WallClock): number | null {
  const fixed = fixedOffset.exec(zone);
  if (fixed) {
    const [, sign, h, m] = fixed;
    return (sign === '-' ? -1 : 1) * (Number(h) * 60 + Number(m));
  }
  const abbreviation = zoneAbbreviations[zone.toUpperCase()];
  if (abbreviation !== undefined) return abbreviation;
  try {
    const guess = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute);
    const first = zoneOffsetMinutes(zone, guess);
    return zoneOffsetMinutes(zone, guess - first * 60_000);
  } catch {
    return null;
  }
}

/** PHP's serialized DateTime, as `adicionar_mensagem` sends it: `{date, timezone_type, timezone}`. */
export function phpDateObjectToIso(value: Record<string, unknown>): DateResult {
  const { date, timezone } = value;
  if (typeof date !== 'string') return { problem: 'não tem "date" em texto' };
  const clock = readWallClock(date.trim());
  if (!clock) return { problem: `tem um formato de data desconhecido ("${date.slice(0, 40)}")` };
  if (timezone === undefined || timezone === null) {
    return wallClockToIso(clock, SERVER_OFFSET_MINUTES);
  }
  if (typeof timezone !== 'string') return { problem: 'tem um "timezone" que não é texto' };
  const offset = offsetForZone(timezone.trim(), clock);
  if (offset === null) return { problem: `tem um fuso horário desconhecido ("${timezone}")` };
  return wallClockToIso(clock, offset);
}

/** Any single date value: naive string, PHP object, or ISO string. */
export function anyDateToIso(value: unknown): DateResult {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return phpDateObjectToIso(value as Record<string, unknown>);
  }
  return naiveDateToIso(value);
}
