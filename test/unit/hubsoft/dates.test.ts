import { describe, expect, it } from 'vitest';
import {
  anyDateToIso,
  epochMsToIso,
  naiveDateToIso,
  phpDateObjectToIso,
} from '../../../main/hubsoft/parse/dates';

describe('HubSoft dates become ISO 8601 UTC', () => {
  it('reads naive "YYYY-MM-DD HH:MM:SS" as Brasília time, three hours behind UTC', () => {
    expect(naiveDateToIso('2022-12-29 18:08:33')).toBe('2022-12-29T21:08:33.000Z');
  });

  it('reads "DD/MM/YYYY" as local midnight', () => {
    expect(naiveDateToIso('19/06/2018')).toBe('2018-06-19T03:00:00.000Z');
  });

  it('reads "DD/MM/YYYY HH:MM" and "DD/MM/YYYY HH:MM:SS"', () => {
    expect(naiveDateToIso('10/02/2023 10:55')).toBe('2023-02-10T13:55:00.000Z');
    expect(naiveDateToIso('19/06/2018 15:05:25')).toBe('2018-06-19T18:05:25.000Z');
  });

  it('crosses midnight into the next UTC day', () => {
    expect(naiveDateToIso('31/12/2024 22:30')).toBe('2025-01-01T01:30:00.000Z');
  });

  it('keeps an explicit offset as given', () => {
    expect(naiveDateToIso('2024-05-01T12:00:00Z')).toBe('2024-05-01T12:00:00.000Z');
  });

  it('treats null, empty and the zero date as no date', () => {
    expect(naiveDateToIso(null)).toBeNull();
    expect(naiveDateToIso('')).toBeNull();
    expect(naiveDateToIso('0000-00-00 00:00:00')).toBeNull();
  });

  it('reports impossible or unknown dates instead of guessing', () => {
    expect(naiveDateToIso('31/02/2024')).toEqual({ problem: 'não é uma data válida' });
    expect(naiveDateToIso('ontem')).toHaveProperty('problem');
    expect(naiveDateToIso(20240101)).toHaveProperty('problem');
  });

  it('reads *_timestamp as UTC epoch milliseconds, numeric strings included', () => {
    expect(epochMsToIso(1672348113000)).toBe('2022-12-29T21:08:33.000Z');
    expect(epochMsToIso('1672348113000')).toBe('2022-12-29T21:08:33.000Z');
  });

  it('refuses a timestamp in seconds rather than placing it in 1970', () => {
    expect(epochMsToIso(1672348113)).toHaveProperty('problem');
  });

  it('reads the PHP date object of adicionar_mensagem in its own time zone', () => {
    expect(
      phpDateObjectToIso({
        date: '2025-08-13 16:47:13.000000',
        timezone_type: 3,
        timezone: 'America/Sao_Paulo',
      }),
    ).toBe('2025-08-13T19:47:13.000Z');
    expect(
      phpDateObjectToIso({ date: '2025-08-13 16:47:13.250000', timezone_type: 3, timezone: 'UTC' }),
    ).toBe('2025-08-13T16:47:13.250Z');
    expect(
      phpDateObjectToIso({
        date: '2025-08-13 16:47:13.000000',
        timezone_type: 1,
        timezone: '-03:00',
      }),
    ).toBe('2025-08-13T19:47:13.000Z');
  });

  it('uses the daylight-saving offset São Paulo had in 2018', () => {
    expect(
      anyDateToIso({
        date: '2018-12-01 12:00:00.000000',
        timezone_type: 3,
        timezone: 'America/Sao_Paulo',
      }),
    ).toBe('2018-12-01T14:00:00.000Z');
  });

  it('reports an unknown time zone', () => {
    expect(
      phpDateObjectToIso({
        date: '2025-08-13 16:47:13',
        timezone_type: 3,
        timezone: 'Mars/Olympus',
      }),
    ).toHaveProperty('problem');
  });
});
