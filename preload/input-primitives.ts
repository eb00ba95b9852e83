/**
 * The bounded building blocks of every contract input, in their own module so the action kinds
 * (main/actions) can build their input schemas from them without importing the whole contract.
 */
import { z } from 'zod';

/** Generous for any text an agent types, small enough that no call can exhaust main's memory. */
export const maxTextLength = 20_000;

export const serverId = z.number().int().positive();

/** Text the agent typed: kept as typed, but not empty once trimmed. */
export const agentText = z
  .string()
  .max(maxTextLength)
  .refine((text) => text.trim().length > 0, { message: 'O texto não pode ficar vazio.' });
