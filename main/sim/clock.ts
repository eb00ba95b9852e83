/**
 * HubSoft's date formats. Naive strings are local time at UTC-03:00; `*_timestamp` fields are UTC
 * epoch milliseconds.
 */

const OFFSET_MS = 3 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;
export const HUBSOFT_TIMEZONE = 'America/Sao_Paulo';

function local(ms: number): Date {
  return new Date(ms - OFFSET_MS);
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function parts(ms: number) {
  const d = local(ms);
  return {
    year: String(d.getUTCFullYear()),
    month: pad(d.getUTCMonth() + 1),
    day: pad(d.getUTCDate()),
    hour: pad(d.getUTCHours()),
    minute: pad(d.getUTCMinutes()),
    second: pad(d.getUTCSeconds()),
    micro: pad(d.getUTCMilliseconds() * 1000, 6),
  };
}

/** `YYYY-MM-DD HH:MM:SS` */
export function naiveDateTime(ms: number): string {
  const p = parts(ms);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** `DD/MM/YYYY HH:MM` */
export function brDateTimeShort(ms: number): string {
  const p = parts(ms);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** `DD/MM/YYYY HH:MM:SS` */
export function brDateTime(ms: number): string {
  const p = parts(ms);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** `DD/MM/YYYY` */
export function brDate(ms: number): string {
  const p = parts(ms);
  return `${p.day}/${p.month}/${p.year}`;
}

/** The 14 leading digits of a protocol: `YYYYMMDDHHMMSS` in local time. */
export function protocolStamp(ms: number): string {
  const p = parts(ms);
  return `${p.year}${p.month}${p.day}${p.hour}${p.minute}${p.second}`;
}

/** Inverse of protocolStamp, to find a ticket by its protocol; NaN when the digits are no date. */
export function parseProtocolStamp(stamp: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(stamp);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return Date.UTC(y, mo - 1, d, h, mi, s) + OFFSET_MS;
}

/** PHP's DateTime as JSON, the shape `adicionar_mensagem` answers. */
export function phpDateObject(ms: number): {
  date: string;
  timezone_type: number;
  timezone: string;
} {
  const p = parts(ms);
  return {
    date: `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}.${p.micro}`,
    timezone_type: 3,
    timezone: HUBSOFT_TIMEZONE,
  };
}

/** Start of a local `YYYY-MM-DD` day as UTC ms; null when the text is not such a date. */
export function parseLocalDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return utc + OFFSET_MS;
}

/** HubSoft's SLA text, e.g. "-1023h 46min". */
export function formatRemaining(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const minutes = Math.floor(Math.abs(ms) / 60000);
  return `${sign}${Math.floor(minutes / 60)}h ${minutes % 60}min`;
}
