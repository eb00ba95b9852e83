/**
 * Dates, ages, numbers and sizes as the agent reads them, in the UI's language and the machine's
 * time zone (see locale-format.ts).
 */
import {
  documentChars,
  formatDocument as punctuatedDocument,
} from '../../../preload/brazil/documents';
import { formatDistanceToNowStrict } from 'date-fns';
import { enUS, ptBR } from 'date-fns/locale';
import type { DatePrecision } from '../../../preload/types';
import { locale } from './i18n.svelte';
import { bytesIn, dateTimeIn, dayIn, numberIn } from './locale-format';
import { serverDayParts, serverDayAttribute } from './server-day';

function dateLocale() {
  return locale() === 'en' ? enUS : ptBR;
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `dd/MM/yyyy HH:mm` (English: "Dec 2, 2026, 2:13 PM"), or the day alone when that is all. */
export function formatDateTime(
  iso: string | null | undefined,
  precision: DatePrecision = 'time',
): string {
  const date = parse(iso);
  if (!date) return '—';
  if (precision === 'day') return dayIn(locale(), serverDayParts(date));
  return dateTimeIn(locale(), date);
}

/** The `datetime` attribute of a `<time>`: the instant, or the bare day when that is all we know. */
export function machineDateTime(iso: string, precision: DatePrecision = 'time'): string {
  const date = parse(iso);
  return date && precision === 'day' ? serverDayAttribute(date) : iso;
}

/** "3 dias", "5 horas": how long ago, without "ago", for a narrow column. */
export function formatAge(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? formatDistanceToNowStrict(date, { locale: dateLocale() }) : '—';
}

/** A `yyyy-MM-dd` day from a date input as the ISO instant of its local start or end. */
export function dayBoundary(day: string, edge: 'start' | 'end'): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const local =
    edge === 'start'
      ? new Date(year, month - 1, date, 0, 0, 0, 0)
      : new Date(year, month - 1, date, 23, 59, 59, 999);
  return local.toISOString();
}

/** The ISO instant the agent's day began, in the machine's time zone ("fechados hoje"). */
export function startOfToday(): string {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
}

export function formatNumber(value: number): string {
  return numberIn(locale(), value);
}

/** "21,0 MB" in Portuguese, "21.0 MB" in English. */
export function formatBytes(bytes: number): string {
  return bytesIn(locale(), bytes);
}

/**
 * CPF or CNPJ with the usual punctuation, letters of an alphanumeric CNPJ kept
 * (`12.ABC.345/01DE-35`); anything else as given.
 */
export function formatDocument(document: string | null | undefined): string {
  if (!document) return '—';
  return punctuatedDocument(documentChars(document)) ?? document;
}
