/**
 * Which of two values of the same date the cache keeps. The detail and create answers give
 * `data_cadastro`/`data_fechamento` as a day only (fact 46); list rows give the exact time. A less
 * precise value never replaces a more precise one that agrees with it: a day only fills a gap, or
 * corrects a time that falls on another day (the server's copy moved, e.g. a ticket reopened and
 * closed again).
 */
import type { DatePrecision } from '../hubsoft/model';
import { serverDayOf } from '../hubsoft/parse/dates';

export interface PreciseDate {
  at: string;
  precision: DatePrecision;
}

export function keepMorePrecise(known: PreciseDate | null, incoming: PreciseDate): PreciseDate {
  if (known === null || incoming.precision === 'time' || known.precision === 'day') {
    return incoming;
  }
  return serverDayOf(known.at) === serverDayOf(incoming.at) ? known : incoming;
}
