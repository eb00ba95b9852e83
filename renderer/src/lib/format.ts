/** Dates and ages as the agent reads them: `dd/MM/yyyy HH:mm` in the machine's time zone. */
import { format, formatDistanceToNowStrict } from 'date-fns';
import { enUS, ptBR } from 'date-fns/locale';
import { locale } from './i18n.svelte';

function dateLocale() {
  return locale() === 'en' ? enUS : ptBR;
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDateTime(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? format(date, 'dd/MM/yyyy HH:mm', { locale: dateLocale() }) : '—';
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
  return new Intl.NumberFormat(locale()).format(value);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** CPF (11 digits) or CNPJ (14 digits) with the usual punctuation; anything else as given. */
export function formatDocument(document: string | null | undefined): string {
  if (!document) return '—';
  const digits = document.replace(/\D/g, '');
  if (digits.length === 11) return digits.replace(/(\d{3})(\d{3})(\d{3})(\d{2})/, '$1.$2.$3-$4');
  if (digits.length === 14) {
    return digits.replace(/(\d{2})(\d{3})(\d{3})(\d{4})(\d{2})/, '$1.$2.$3/$4-$5');
  }
  return document;
}
