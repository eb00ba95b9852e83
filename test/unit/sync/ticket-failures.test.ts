import { describe, expect, it } from 'vitest';
import { HubsoftError } from '../../../main/hubsoft/errors';
import {
  endsTheRun,
  isTicketGone,
  retryDelayMs,
  waitingForRetry,
  withFailure,
  withoutKey,
} from '../../../main/sync/ticket-failures';

const refusal = (kind: 'business' | 'validation', serverMessage: string) =>
  new HubsoftError(kind, serverMessage, { status: 200, details: { serverMessage } });

describe('what a failure means for a sync run', () => {
  it('calls a ticket gone when its detail says "não encontrado" or its protocol is not in the answer', () => {
    expect(isTicketGone(refusal('validation', 'Atendimento não encontrado'))).toBe(true);
    expect(isTicketGone(refusal('business', 'Atendimento 123 nao encontrado.'))).toBe(true);
    expect(isTicketGone(new HubsoftError('not_found', 'não veio na resposta'))).toBe(true);
  });

  it('never calls a ticket gone for a missing route, an outage or another refusal', () => {
    expect(isTicketGone(new HubsoftError('not_found', 'rota', { status: 404 }))).toBe(false);
    expect(isTicketGone(new HubsoftError('server', 'Erro interno', { status: 500 }))).toBe(false);
    expect(isTicketGone(refusal('business', 'Sem permissão para o endpoint'))).toBe(false);
    expect(isTicketGone(new Error('não encontrado'))).toBe(false);
  });

  it('ends the run only when signed out, cancelled or failing outside HubSoft', () => {
    expect(endsTheRun(new HubsoftError('auth', 'sessão'))).toBe(true);
    expect(endsTheRun(new HubsoftError('cancelled', 'parado'))).toBe(true);
    expect(endsTheRun(new Error('disco cheio'))).toBe(true);
    expect(endsTheRun(new HubsoftError('server', 'Erro interno'))).toBe(false);
    expect(endsTheRun(new HubsoftError('parse', 'campo'))).toBe(false);
  });

  it('waits longer after each failure of the same ticket, up to six hours', () => {
    const lowest = (attempts: number) => retryDelayMs(attempts, () => 0);
    const highest = (attempts: number) => retryDelayMs(attempts, () => 1);
    expect(lowest(1)).toBe(45_000);
    expect(highest(1)).toBe(60_000);
    expect(highest(2)).toBe(120_000);
    expect(highest(30)).toBe(6 * 3_600_000);

    const now = new Date('2026-06-15T12:00:00Z');
    const once = withFailure({}, 't:1', now);
    const twice = withFailure(once, 't:1', now);
    expect(twice['t:1']?.attempts).toBe(2);
    expect(waitingForRetry(twice, 't:1', now)).toBe(true);
    expect(waitingForRetry(twice, 't:1', new Date(now.getTime() + 3 * 60_000))).toBe(false);
    expect(waitingForRetry(withoutKey(twice, 't:1'), 't:1', now)).toBe(false);
  });
});
