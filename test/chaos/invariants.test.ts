import { describe, expect, it } from 'vitest';
import type { TicketRecord } from '../../main/sim/records';
import type { OutboxAction } from '../../main/store/types';
import { checkOutbox } from './invariants';

function reply(id: number, state: OutboxAction['state'], text: string): OutboxAction {
  return {
    id,
    kind: 'reply',
    ticketKey: 't:7',
    state,
    payload: { text },
    attempts: 1,
    nextAttemptAt: null,
    firstFailedAt: null,
    lastError:
      state === 'needs_attention'
        ? { code: 'ambiguous', message: 'Não foi possível confirmar.' }
        : null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    result: null,
    dependsOn: null,
    localRef: null,
    attention: null,
  };
}

function ticketWith(texts: string[]): TicketRecord {
  return {
    id: 7,
    messages: texts.map((text, index) => ({ id: index + 1, text, createdAt: 0 })),
    serviceOrders: [],
    attachments: [],
  } as unknown as TicketRecord;
}

const serverIdOf = () => 7;

function serviceOrder(id: number, description: string): OutboxAction {
  return {
    ...reply(id, 'sent', ''),
    kind: 'open_service_order',
    payload: {
      typeId: 16,
      technicianId: 10,
      scheduledDate: '2026-12-21',
      startTime: '08:00',
      endTime: '10:00',
      availability: ['manha'],
      description,
    },
  };
}

function ticketWithOrders(descriptions: string[]): TicketRecord {
  return {
    id: 7,
    messages: [],
    attachments: [],
    serviceOrders: descriptions.map((description, index) => ({ id: index + 1, description })),
  } as unknown as TicketRecord;
}

describe('the chaos invariants', () => {
  it('count a service order opened twice as a duplicate, and one never opened as lost', () => {
    const twice = checkOutbox(
      [],
      [serviceOrder(1, 'Visita')],
      [ticketWithOrders(['Visita', 'Visita'])],
      serverIdOf,
    );
    expect(twice.duplicates).toBe(1);
    const never = checkOutbox([], [serviceOrder(1, 'Visita')], [ticketWithOrders([])], serverIdOf);
    expect(never.lost).toBe(1);
    const once = checkOutbox(
      [],
      [serviceOrder(1, 'Visita')],
      [ticketWithOrders(['Visita'])],
      serverIdOf,
    );
    expect(once).toMatchObject({ duplicates: 0, lost: 0, sentByKind: { open_service_order: 1 } });
  });

  it('count a reply found twice on the server as a duplicate', () => {
    const verdict = checkOutbox(
      [],
      [reply(1, 'sent', 'Olá')],
      [ticketWith(['Olá', 'Olá'])],
      serverIdOf,
    );
    expect(verdict.duplicates).toBe(1);
    expect(verdict.violations).toHaveLength(1);
  });

  it('count a reply marked sent but missing on the server as lost', () => {
    const verdict = checkOutbox([], [reply(1, 'sent', 'Olá')], [ticketWith([])], serverIdOf);
    expect(verdict.lost).toBe(1);
  });

  it('count an action the app confirmed and then forgot as lost', () => {
    const issued = [
      {
        kind: 'reply' as const,
        ticketKey: 't:7',
        text: 'Olá',
        outcome: 'queued' as const,
        actionId: 9,
      },
    ];
    expect(checkOutbox(issued, [], [ticketWith([])], serverIdOf).lost).toBe(1);
  });

  it('accept a reply waiting for the agent with its reason, and the replies queued behind it', () => {
    const verdict = checkOutbox(
      [],
      [reply(1, 'needs_attention', 'Olá'), reply(2, 'queued', 'Tchau')],
      [ticketWith(['Olá'])],
      serverIdOf,
    );
    expect(verdict).toEqual({
      sent: 0,
      sentByKind: {},
      waitingForAgent: 2,
      waitingReasons: { 'reply needs_attention: Não foi possível confirmar.': 1 },
      duplicates: 0,
      lost: 0,
      violations: [],
    });
  });

  it('report a queued reply with nothing holding it as stuck', () => {
    const verdict = checkOutbox([], [reply(1, 'queued', 'Olá')], [ticketWith([])], serverIdOf);
    expect(verdict.violations).toEqual(['reply #1 on t:7 (queued) is stuck after the run settled']);
  });
});
