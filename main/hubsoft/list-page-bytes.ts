/**
 * A `/atendimento/todos` page read from its bytes where it is written (the store worker), so the
 * main process only moves bytes: the same checks as `interpretAnswer` and `readZeroBasedPage`,
 * with every failure answered as data that crosses the thread and becomes a HubsoftError again.
 */
import { HubsoftError, type HubsoftErrorData } from './errors';
import type { TicketPage } from './model';
import { readZeroBasedPageNow } from './parse/payload';
import type { ParseProblem } from './parse/problems';
import { interpretAnswer } from './response';
import type { AnswerBytes } from './transport';

/** What the reader needs besides the bytes: the request's name for errors, the page asked. */
export interface ListPageRequest {
  /** "GET /api/v1/integracao/atendimento/todos". */
  request: string;
  requestedPage: number;
}

export type ListPageBytes = AnswerBytes & ListPageRequest;

/**
 * 'answer': the body is not a successful answer (not JSON, an error envelope): retried like any
 * answer's failure. 'payload': it is one, but the page's own shape is wrong: not retried.
 */
export type ListPageFailure = { ok: false; stage: 'answer' | 'payload'; error: HubsoftErrorData };

export type ListPageReading =
  { ok: true; page: TicketPage; skipped: ParseProblem[] } | ListPageFailure;

const utf8 = new TextDecoder();

function failureOf(stage: ListPageFailure['stage'], error: unknown): ListPageFailure {
  if (error instanceof HubsoftError) return { ok: false, stage, error: error.toData() };
  throw error;
}

export function readListPageBytes(answer: ListPageBytes): ListPageReading {
  let body: unknown;
  try {
    body = interpretAnswer(
      {
        status: answer.status,
        contentType: answer.contentType,
        body: utf8.decode(answer.bytes),
        retryAfterHeader: null,
      },
      { request: answer.request, httpErrorsAreBusiness: false },
    );
  } catch (error) {
    return failureOf('answer', error);
  }
  try {
    const { skipped, ...page } = readZeroBasedPageNow(body, answer.request, answer.requestedPage);
    return { ok: true, page, skipped };
  } catch (error) {
    return failureOf('payload', error);
  }
}

/** The HubsoftError a failure stands for, on the main thread's side. */
export function errorOfFailure(failure: ListPageFailure): HubsoftError {
  const { code, message, status, retryAfterMs, details } = failure.error;
  return new HubsoftError(code, message, { status, retryAfterMs, details });
}

/** What the writer of a page's bytes answers: the page's numbers and what it wrote, or why not. */
export type ListPageWrite<T> =
  | ({ ok: true; skipped: ParseProblem[]; written: T } & Omit<TicketPage, 'tickets'>)
  | ListPageFailure;

/** The written page as the client answers it. */
export type WrittenListPage<T> = Omit<TicketPage, 'tickets'> & { written: T };
