/**
 * The one place where a call from either shell becomes a service call: look the method up in the
 * contract, validate its arguments, run it, and answer with an envelope. Nothing thrown escapes.
 */
import type { z } from 'zod';
import { findMethod, type Services } from '../../preload/contract';
import {
  AppError,
  type ContractErrorData,
  type Envelope,
  type ErrorCode,
} from '../../preload/errors';
import { StoreError, type StoreErrorCode } from '../store/errors';

export type Dispatch = (name: unknown, args: unknown) => Promise<Envelope<unknown>>;

export interface DispatchOptions {
  /** Told about failures that are bugs rather than expected outcomes. */
  onInternalError?: (name: string, error: unknown) => void;
}

/** Store failures caused by what the caller sent; any other store failure is a defect. */
const callerStoreErrors: Partial<Record<StoreErrorCode, ErrorCode>> = {
  invalid_input: 'invalid_input',
  not_found: 'not_found',
};

/** The contract error a thrown value stands for, or null when it is a defect to log. */
function expectedFailure(error: unknown): ContractErrorData | null {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof StoreError) {
    const code = callerStoreErrors[error.code];
    if (code) return { code, message: error.message };
  }
  return null;
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): { path: string; message: string }[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

export function createDispatcher(services: Services, options: DispatchOptions = {}): Dispatch {
  const table = services as unknown as Record<
    string,
    Record<string, (...args: unknown[]) => unknown>
  >;

  return async (name, args) => {
    const entry = findMethod(name);
    if (!entry) {
      return failure({ code: 'unknown_method', message: `Método desconhecido: ${String(name)}` });
    }
    const parsed = validate(entry.args, args);
    if (parsed === null) {
      return failure({ code: 'invalid_input', message: `Dados inválidos para ${entry.name}.` });
    }
    if (!parsed.success) {
      return failure({
        code: 'invalid_input',
        message: `Dados inválidos para ${entry.name}.`,
        details: describeIssues(parsed.error.issues),
      });
    }
    const handler = table[entry.area]?.[entry.method];
    if (typeof handler !== 'function') {
      return failure({ code: 'internal', message: `Sem implementação para ${entry.name}.` });
    }
    try {
      return { ok: true, value: await handler(...(parsed.data as unknown[])) };
    } catch (error) {
      const expected = expectedFailure(error);
      if (expected) return failure(expected);
      options.onInternalError?.(entry.name, error);
      return failure({ code: 'internal', message: 'Erro interno inesperado.' });
    }
  };
}

/**
 * The schema's verdict, or null when validating threw: zod recurses, so a value nested thousands
 * of levels deep (a 10 KB message) overflows the stack instead of failing validation.
 */
function validate(schema: z.ZodTuple, args: unknown): z.ZodSafeParseResult<unknown[]> | null {
  try {
    return schema.safeParse(args);
  } catch {
    return null;
  }
}

function failure(error: ContractErrorData): Envelope<never> {
  return error.details === undefined
    ? { ok: false, error: { code: error.code, message: error.message } }
    : { ok: false, error };
}
