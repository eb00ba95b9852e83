import { describe, expect, it } from 'vitest';
import type { OutboxAction } from '../../../preload/types';
import { isTroubled, stateLabelKey, stateTone } from '../../../renderer/src/lib/outbox-states';

function reply(state: string, message: string | null): OutboxAction {
  return {
    id: 1,
    ticketKey: 't:1',
    kind: 'reply',
    payload: { text: 'Olá' },
    state: state as OutboxAction['state'],
    attempts: 0,
    nextAttemptAt: null,
    firstFailedAt: null,
    lastError: message === null ? null : { code: 'x', message },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    result: null,
    dependsOn: null,
    localRef: null,
    attention: null,
  };
}

describe('how the screens read an outbox state', () => {
  it('names the known states and marks the ones waiting for the agent', () => {
    expect(stateLabelKey('failed')).toBe('outbox.state.failed');
    expect(isTroubled('failed')).toBe(true);
    expect(isTroubled('needs_attention')).toBe(true);
    expect(isTroubled('queued')).toBe(false);
    expect(stateTone('sent')).toBe('ok');
    expect(stateTone('sending')).toBe('pending');
  });

  it('shows a state it does not know as waiting for the agent, with its own message', () => {
    const waiting = reply('news_since_written', '2 mensagens novas desde que você escreveu');
    expect(stateLabelKey(waiting.state)).toBe('outbox.state.waiting');
    expect(isTroubled(waiting.state)).toBe(true);
    expect(stateTone(waiting.state)).toBe('failed');
  });
});
