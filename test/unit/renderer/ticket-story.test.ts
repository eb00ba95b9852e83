import { describe, expect, it } from 'vitest';
import type { ConfigItem, OutboxAction, Ticket } from '../../../preload/types';
import { formatPhone } from '../../../renderer/src/lib/phone-format';
import { closingOf, isOwnMessage, openingContact } from '../../../renderer/src/lib/ticket-story';

const reasons: ConfigItem[] = [{ id: 17, label: 'Problema resolvido', raw: {} }];
const origins: ConfigItem[] = [{ id: 3, label: 'WhatsApp', raw: {} }];

function ticket(overrides: Partial<Ticket>): Ticket {
  return {
    key: 't:1',
    closedAt: null,
    closedAtPrecision: 'time',
    pending: [],
    raw: {},
    contact: null,
    closing: { reasonId: null, description: null },
    ...overrides,
  } as Ticket;
}

describe('the timeline story of a ticket', () => {
  it('names the closing reason by its label from the config, else by the server’s word', () => {
    const closed = { closedAt: '2026-01-02T10:00:00.000Z' };
    expect(
      closingOf(ticket({ ...closed, closing: { reasonId: 17, description: ' Cabo ' } }), reasons),
    ).toEqual({ at: closed.closedAt, reason: 'Problema resolvido', text: 'Cabo', pending: false });
    expect(
      closingOf(
        ticket({ ...closed, raw: { motivo_fechamento: 'Fechado Automático Atendimento' } }),
        reasons,
      )?.reason,
    ).toBe('Fechado Automático Atendimento');
    expect(closingOf(ticket({}), reasons)).toBeNull();
  });

  it('shows a queued close as pending with what the agent chose', () => {
    const close = {
      kind: 'close',
      state: 'queued',
      payload: { reasonId: 17, description: 'Resolvido por telefone' },
    } as OutboxAction;
    const closing = closingOf(
      ticket({ closedAt: '2026-01-02T10:00:00.000Z', pending: [close] }),
      reasons,
    );
    expect(closing).toMatchObject({ reason: 'Problema resolvido', pending: true });
  });

  it('gives the contact with the origin’s label, and tells the agent’s own messages apart', () => {
    expect(
      openingContact(ticket({ contact: { name: 'Ana', phone: null, originId: 3 } }), origins),
    ).toEqual({ name: 'Ana', phone: null, origin: 'WhatsApp' });
    expect(openingContact(ticket({}), origins)).toBeNull();
    expect(isOwnMessage('m:123')).toBe(false);
    expect(isOwnMessage('5b0f6a7e-4c1d-4b1a-9a53-3f1b2c7d9e10')).toBe(true);
  });

  it('formats Brazilian phones and leaves anything else as given', () => {
    expect(formatPhone('37991234567')).toBe('(37) 99123-4567');
    expect(formatPhone('3133334444')).toBe('(31) 3333-4444');
    expect(formatPhone('+55 37 99123 4567')).toBe('(37) 99123-4567');
    expect(formatPhone('ramal 22')).toBe('ramal 22');
    expect(formatPhone(null)).toBe('—');
  });
});
