/**
 * The HubSoft client the main process uses: one instance per signed-in profile. Every method
 * answers normalized data (model.ts) or throws a HubsoftError; nothing else escapes.
 */
import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { TokenManager } from './auth';
import { defaultRetryPolicy, type RetryPolicy } from './backoff';
import type {
  ConfigItem,
  ConfigListName,
  Customer,
  RemoteMessage,
  RemoteTicket,
  ServiceOrder,
  TicketPage,
} from './model';
import { configItem, configListSources } from './parse/config';
import { customer } from './parse/customer';
import { id, protocol as protocolField } from './parse/fields';
import {
  readLaravelPage,
  readList,
  readSingleTicket,
  readTicketList,
  readWith,
  readZeroBasedPage,
} from './parse/payload';
import { remoteMessage, serviceOrderRow } from './parse/ticket';
import { skippedRows } from './parse/problems';
import {
  errorOfFailure,
  type ListPageBytes,
  type ListPageWrite,
  type WrittenListPage,
} from './list-page-bytes';
import { defaultGrantRateLimit, defaultRateLimit, TokenBucket, type RateLimit } from './rate-limit';
import { Requester } from './requester';
import {
  closeBody,
  customerSearchParams,
  customerTicketsParams,
  editBody,
  listFilters,
  newTicketBody,
  serviceOrderBody,
  type AttachmentFile,
  type CustomerSearchQuery,
  type CustomerTicketsQuery,
  type NewServiceOrder,
  type NewTicket,
  type TicketClosing,
  type TicketEdit,
  type TicketListQuery,
} from './requests';
import { HubsoftError } from './errors';
import type { Credentials, TokenStore } from './session-types';
import { createHttp, describeRequest, type HttpRequest, type UploadProgress } from './transport';

const API = '/api/v1/integracao';

export interface HubsoftClientOptions {
  credentials: Credentials;
  tokenStore: TokenStore;
  /** Client-side limit; default 15/s with a burst of 30, under HubSoft's 20/s (burst 200). */
  rateLimit?: RateLimit;
  /** `/oauth/token`'s own limit; default 25/min with a burst of 10, under its 30/min (burst 20). */
  grantRateLimit?: RateLimit;
  retry?: RetryPolicy;
  /** Per request; default 30 s. */
  timeoutMs?: number;
  /** Per upload request; default 10 min. */
  uploadTimeoutMs?: number;
  /** Wall-clock limit on a whole request, answer included; default 45 s. */
  deadlineMs?: number;
  /**
   * The slowest upload still waited for: an upload's deadline is `deadlineMs` plus its size at
   * this speed; default 32 KiB/s (10 MB: about 6 min).
   */
  uploadFloorBytesPerSecond?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface AttachmentOptions extends CallOptions {
  onProgress?: (progress: UploadProgress) => void;
}

export interface AttachmentReceipt {
  ticketId: number;
  protocol: string;
}

const attachmentAnswer = z.looseObject({
  atendimento: z.looseObject({ id_atendimento: id, protocolo: protocolField }),
});

/**
 * Reads the answer of a write the server accepted: if that answer cannot be read, the change was
 * still applied, and the error says so (details.applied) so nobody sends it again.
 */
function readAppliedWrite<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof HubsoftError) || error.kind !== 'parse') throw error;
    throw new HubsoftError(
      'parse',
      `O HubSoft aplicou a operação, mas a resposta não pôde ser lida. ${error.message}`,
      { status: error.status, details: { ...error.details, applied: true } },
    );
  }
}

export class HubsoftClient {
  private readonly auth: TokenManager;
  private readonly requester: Requester;
  private readonly uploadTimeoutMs: number;
  private readonly deadlineMs: number;
  private readonly uploadFloorBytesPerSecond: number;

  constructor(options: HubsoftClientOptions) {
    const http = createHttp(options.credentials.baseUrl);
    const limiter = new TokenBucket(options.rateLimit ?? defaultRateLimit);
    // The token manager asks the requester for grants lazily: both exist before the first call.
    this.auth = new TokenManager(options.credentials, options.tokenStore, (body, signal) =>
      this.requester.grant(body, signal),
    );
    this.requester = new Requester(
      http,
      this.auth,
      limiter,
      options.retry ?? defaultRetryPolicy,
      options.timeoutMs ?? 30_000,
      new TokenBucket(options.grantRateLimit ?? defaultGrantRateLimit),
      options.deadlineMs ?? 45_000,
    );
    this.uploadTimeoutMs = options.uploadTimeoutMs ?? 600_000;
    this.deadlineMs = options.deadlineMs ?? 45_000;
    this.uploadFloorBytesPerSecond = options.uploadFloorBytesPerSecond ?? 32 * 1024;
  }

  /** Password grant with what the agent typed; tokens go to the TokenStore. */
  signIn(password: string, options: CallOptions = {}): Promise<void> {
    return this.auth.signIn(password, options.signal);
  }

  signOut(): Promise<void> {
    return this.auth.signOut();
  }

  /** `/atendimento/todos` (0-based). */
  async listTickets(query: TicketListQuery): Promise<TicketPage> {
    const request = allTicketsRequest(query);
    const body = await this.requester.call(request);
    return await readZeroBasedPage(body, describeRequest(request), query.page);
  }

  /**
   * `/atendimento/todos` (0-based) with the answer's bytes handed to `write` unparsed: the store
   * worker reads, checks and writes the page in one go (see list-page-bytes.ts), so this thread
   * only moves the bytes. A body that is not a successful answer is retried like any other read.
   */
  async listTicketsInto<T>(
    query: TicketListQuery,
    write: (page: ListPageBytes) => Promise<ListPageWrite<T>>,
  ): Promise<WrittenListPage<T>> {
    const request = allTicketsRequest(query);
    const outcome = await this.requester.callForBytes(request, async (answer) => {
      const result = await write({
        ...answer,
        request: describeRequest(request),
        requestedPage: query.page,
      });
      if (!result.ok && result.stage === 'answer') throw errorOfFailure(result);
      return result;
    });
    if (!outcome.ok) throw errorOfFailure(outcome);
    for (const problem of outcome.skipped) skippedRows.record(problem);
    const { total, page, lastPage, written } = outcome;
    return { total, page, lastPage, written };
  }

  /** `/atendimento/paginado/:perPage` (Laravel, 1-based on the wire; 0-based here), by GET or POST. */
  async listTicketsPaginated(
    query: TicketListQuery & { method?: 'GET' | 'POST' },
  ): Promise<TicketPage> {
    const params = { pagina: query.page + 1, ...listFilters(query) };
    const method = query.method ?? 'GET';
    const request: HttpRequest = {
      method,
      path: `${API}/atendimento/paginado/${query.perPage}`,
      ...(method === 'GET' ? { query: params } : { body: params }),
      // Listing changes nothing even when sent by POST.
      idempotent: true,
      signal: query.signal,
    };
    const body = await this.requester.call(request);
    return await readLaravelPage(body, describeRequest(request), query.page);
  }

  /** The full ticket (opening text, messages, service orders) by protocol. */
  async getTicket(ticketProtocol: string, options: CallOptions = {}): Promise<RemoteTicket> {
    const tickets = await this.listCustomerTickets({
      by: 'protocolo',
      term: ticketProtocol,
      onlyPending: false,
      withMessages: true,
      signal: options.signal,
    });
    const ticket = tickets.find((candidate) => candidate.protocol === ticketProtocol);
    if (!ticket) {
      throw new HubsoftError(
        'not_found',
        `O atendimento de protocolo ${ticketProtocol} não foi encontrado no HubSoft.`,
        {
          details: { request: `GET ${API}/cliente/atendimento` },
        },
      );
    }
    return ticket;
  }

  /** `cliente/atendimento`: a customer's tickets (presentation shape). */
  async listCustomerTickets(query: CustomerTicketsQuery): Promise<RemoteTicket[]> {
    const request: HttpRequest = {
      method: 'GET',
      path: `${API}/cliente/atendimento`,
      query: customerTicketsParams(query),
      idempotent: true,
      signal: query.signal,
    };
    const body = await this.requester.call(request);
    return readTicketList(body, describeRequest(request));
  }

  async createTicket(ticket: NewTicket, options: CallOptions = {}): Promise<RemoteTicket> {
    const request: HttpRequest = {
      method: 'POST',
      path: `${API}/atendimento`,
      body: newTicketBody(ticket),
      idempotent: false,
      signal: options.signal,
    };
    const body = await this.requester.call(request);
    return readAppliedWrite(() => readSingleTicket(body, describeRequest(request)));
  }

  /** Status, type or description change (never together with closing: HubSoft refuses that). */
  async editTicket(
    ticketId: number,
    edit: TicketEdit,
    options: CallOptions = {},
  ): Promise<RemoteTicket> {
    const request: HttpRequest = {
      method: 'PUT',
      path: `${API}/atendimento/${ticketId}`,
      body: editBody(edit),
      idempotent: false,
      signal: options.signal,
    };
    const body = await this.requester.call(request);
    return readAppliedWrite(() => readSingleTicket(body, describeRequest(request)));
  }

  /** Closes the ticket and its service orders; a refused close is 'business' with the server's reason. */
  async closeTicket(
    ticketId: number,
    closing: TicketClosing,
    options: CallOptions = {},
  ): Promise<RemoteTicket> {
    const request: HttpRequest = {
      method: 'PUT',
      path: `${API}/atendimento/${ticketId}`,
      body: closeBody(closing),
      idempotent: false,
      httpErrorsAreBusiness: true,
      signal: options.signal,
    };
    const body = await this.requester.call(request);
    return readAppliedWrite(() => readSingleTicket(body, describeRequest(request)));
  }

  async addMessage(
    ticketId: number,
    text: string,
    options: CallOptions = {},
  ): Promise<RemoteMessage> {
    const request: HttpRequest = {
      method: 'POST',
      path: `${API}/atendimento/adicionar_mensagem/${ticketId}`,
      body: { mensagem: text },
      idempotent: false,
      signal: options.signal,
    };
    const body = await this.requester.call(request);
    const key = 'mensagem' in body ? 'mensagem' : 'atendimento_mensagem';
    return readAppliedWrite(() =>
      readWith(remoteMessage(ticketId), body[key], key, describeRequest(request)),
    );
  }

  /**
   * Opens a service order from a ticket (fact 41): the ticket's id in the query string, the order
   * in the body. A ticket whose type allows no O.S. is refused with the server's words.
   */
  async openServiceOrder(
    ticketId: number,
    order: NewServiceOrder,
    options: CallOptions = {},
  ): Promise<ServiceOrder> {
    const request: HttpRequest = {
      method: 'POST',
      path: `${API}/ordem_servico/abrir_os`,
      query: { id_atendimento: ticketId },
      body: serviceOrderBody(order),
      idempotent: false,
      signal: options.signal,
    };
    const body = await this.requester.call(request);
    return readAppliedWrite(() =>
      readWith(serviceOrderRow, body.ordem_servico, 'ordem_servico', describeRequest(request)),
    );
  }

  /** Uploads files as `files[i]`, streamed from disk, reporting bytes sent. */
  async addAttachments(
    ticketId: number,
    files: AttachmentFile[],
    options: AttachmentOptions = {},
  ): Promise<AttachmentReceipt> {
    if (files.length === 0) {
      throw new HubsoftError('validation', 'Nenhum arquivo para anexar.');
    }
    const form = new FormData();
    let totalBytes = 0;
    for (const [index, file] of files.entries()) {
      const blob = await openAsBlob(file.path, file.mimeType ? { type: file.mimeType } : undefined);
      totalBytes += blob.size;
      form.append(`files[${index}]`, blob, file.name ?? basename(file.path));
    }
    const request: HttpRequest = {
      method: 'POST',
      path: `${API}/atendimento/adicionar_anexo/${ticketId}`,
      body: form,
      idempotent: false,
      timeoutMs: this.uploadTimeoutMs,
      deadlineMs: this.deadlineMs + Math.ceil((totalBytes / this.uploadFloorBytesPerSecond) * 1000),
      signal: options.signal,
      onUploadProgress: options.onProgress,
    };
    const body = await this.requester.call(request);
    const { atendimento } = readAppliedWrite(() =>
      readWith(attachmentAnswer, body, '', describeRequest(request)),
    );
    return { ticketId: atendimento.id_atendimento, protocol: atendimento.protocolo };
  }

  /** `GET /cliente`: customers and their services (a new ticket needs `id_cliente_servico`). */
  async searchCustomers(query: CustomerSearchQuery): Promise<Customer[]> {
    const request: HttpRequest = {
      method: 'GET',
      path: `${API}/cliente`,
      query: customerSearchParams(query),
      idempotent: true,
      signal: query.signal,
    };
    const body = await this.requester.call(request);
    return readList(body, 'clientes', customer, describeRequest(request));
  }

  async getConfigList(name: ConfigListName, options: CallOptions = {}): Promise<ConfigItem[]> {
    const source = configListSources[name];
    const request: HttpRequest = {
      method: 'GET',
      path: `${API}/configuracao/${source.path}`,
      idempotent: true,
      signal: options.signal,
    };
    const body = await this.requester.call(request);
    return readList(body, source.payloadKey, configItem(source), describeRequest(request));
  }
}

/** `/atendimento/todos` (0-based), as both list calls ask for it. */
function allTicketsRequest(query: TicketListQuery): HttpRequest {
  return {
    method: 'GET',
    path: `${API}/atendimento/todos`,
    query: { pagina: query.page, itens_por_pagina: query.perPage, ...listFilters(query) },
    idempotent: true,
    signal: query.signal,
  };
}
