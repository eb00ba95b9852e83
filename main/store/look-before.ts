/**
 * The look before sending (issue 12): what the agent had seen of a ticket when a reply or a close
 * was queued, kept on the action's own row (`outbox.look_before`) so it goes wherever the action
 * goes (crash salvage copies the row, the sign-out purge keeps unsent actions). The sender's check
 * lives in `outbox/look-before-send.ts`; this file only keeps its state and shapes what the agent
 * is shown when the check holds an action back.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { fromJsonOrNull, toJson } from './json';
import type { ActionAttention, ActionError, ActionKind, ActionState } from './types';

/** The kinds a look guards: what the agent wrote in answer to what they had read. */
export const lookedKinds: readonly ActionKind[] = ['reply', 'close'];

/** The reason code of an action held back because the ticket got messages meanwhile. */
export const newMessagesCode = 'new_messages';

const baselineSchema = z.object({
  /**
   * The newest server message id the cache held for the ticket: HubSoft's message ids only grow,
   * so any message above it arrived after (null: the agent had seen none).
   */
  seenMessageId: z.number().int().nullable(),
  /** ISO 8601: when it was taken (queued, or edited and queued again). */
  takenAt: z.string(),
  /** The app was offline then, so the action waited whatever its age. */
  offline: z.boolean(),
  /** The agent chose "send anyway": the next send goes without a look. */
  approved: z.boolean(),
});
export type LookBaseline = z.infer<typeof baselineSchema>;

const heldSchema = z.object({
  count: z.number().int().positive(),
  messages: z.array(z.object({ id: z.number(), text: z.string(), createdAt: z.string() })),
});

export class LookBaselines {
  private readonly statements;

  constructor(
    db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.statements = {
      newestMessageId: db
        .prepare('SELECT max(id) FROM messages WHERE ticket_key = ? AND id IS NOT NULL')
        .pluck(),
      get: db.prepare('SELECT look_before FROM outbox WHERE id = ?').pluck(),
      set: db.prepare('UPDATE outbox SET look_before = ? WHERE id = ?'),
    };
  }

  /** Records what the cache shows of the ticket now, for a reply or a close; others are left. */
  take(actionId: number, kind: ActionKind, ticketKey: string, offline: boolean): void {
    if (!lookedKinds.includes(kind)) return;
    const newest = this.statements.newestMessageId.get(ticketKey) as number | null | undefined;
    const baseline: LookBaseline = {
      seenMessageId: newest ?? null,
      takenAt: this.now().toISOString(),
      offline,
      approved: false,
    };
    this.statements.set.run(toJson(baseline), actionId);
  }

  /** Null for an action queued before looks existed, or one of a kind that is not looked at. */
  get(actionId: number): LookBaseline | null {
    const stored = this.statements.get.get(actionId) as string | null | undefined;
    const parsed = baselineSchema.safeParse(fromJsonOrNull(stored ?? null));
    return parsed.success ? parsed.data : null;
  }

  approve(actionId: number): void {
    const baseline = this.get(actionId);
    if (baseline) this.statements.set.run(toJson({ ...baseline, approved: true }), actionId);
  }
}

/** The error an action held for new messages carries: the count and the messages to show. */
export function newMessagesError(messages: ActionAttention['messages']): ActionError {
  const count = messages.length;
  return {
    code: newMessagesCode,
    message:
      count === 1
        ? '1 mensagem nova desde que você escreveu.'
        : `${count} mensagens novas desde que você escreveu.`,
    details: {
      count,
      messages: messages.map(({ id, text, createdAt }) => ({ id, text, createdAt })),
    },
  };
}

/** Why a needs-attention action waits, for the reasons the UI shows in their own way. */
export function attentionOf(state: ActionState, error: ActionError | null): ActionAttention | null {
  if (state !== 'needs_attention' || error?.code !== newMessagesCode) return null;
  const held = heldSchema.safeParse(error.details);
  return held.success ? { reason: 'new_messages', ...held.data } : null;
}
