/**
 * Store failures the outbox services pass on to the agent as contract errors. Anything else is a
 * defect and leaves as it is (the dispatcher answers 'internal').
 */
import { AppError, type ErrorCode } from '../../preload/errors';
import { StoreError, type StoreErrorCode } from '../store/errors';

const codes: Partial<Record<StoreErrorCode, ErrorCode>> = {
  not_found: 'not_found',
  invalid_input: 'invalid_input',
  invalid_state: 'invalid_input',
  store_closed: 'unavailable',
};

export async function withContractErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = error instanceof StoreError ? codes[error.code] : undefined;
    if (code && error instanceof StoreError) throw new AppError(code, error.message);
    throw error;
  }
}
