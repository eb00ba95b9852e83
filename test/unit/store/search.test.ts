import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { StoreCore } from '../../../main/store/core';
import { migrations, numbersSearchedAnywhere } from '../../../main/store/migrations';
import { customer, remoteMessage, remoteTicket, tempDirs } from './fixtures';

const dirs = tempDirs();
let store: StoreCore;

beforeEach(() => {
  store = StoreCore.open(join(dirs.make(), 'profile.sqlite'));
  store.upsertRemoteTickets([
    remoteTicket(1, {
      protocol: '20221229180833379797',
      customer: { id: 501, code: 1, name: 'João Conceição' },
    }),
    remoteTicket(2, { customer: { id: 502, code: 2, name: 'Ana Souza' } }),
    remoteTicket(3, {
      description: 'Cliente relata perda de CONEXÃO à noite',
      customer: { id: 503, code: 3, name: 'Pedro Lima' },
    }),
  ]);
  store.upsertTicketDetail(
    remoteTicket(2, {
      customer: { id: 502, code: 2, name: 'Ana Souza' },
      messages: [
        remoteMessage(20, 2, 'Conexão restabelecida após visita técnica', '2024-05-01T10:00:00Z'),
      ],
    }),
  );
  store.upsertCustomers([customer(501, { name: 'João Conceição', document: '86214941081' })]);
});
afterEach(() => {
  store.close();
  dirs.cleanup();
});

const ids = (text: string, limit?: number) =>
  store.searchTickets(text, limit === undefined ? {} : { limit }).map((hit) => hit.ticket.id);

describe('ticket search', () => {
  it('finds words without caring about accents or case, by their first letters', () => {
    expect(ids('conex').sort()).toEqual([2, 3]);
    expect(ids('CONEXAO').sort()).toEqual([2, 3]);
    expect(ids('joao conc')).toEqual([1]);
    expect(ids('tecnica')).toEqual([2]);
  });

  it('finds a ticket by a fragment of its protocol', () => {
    expect(ids('2022122918083')).toEqual([1]);
  });

  it("finds a ticket by its customer's CPF typed with or without punctuation", () => {
    expect(ids('86214941081')).toEqual([1]);
    expect(ids('862.149.410-81')).toEqual([1]);
    expect(ids('862.149')).toEqual([1]);
  });

  it("finds a ticket by its customer's alphanumeric CNPJ, typed with punctuation or not", () => {
    store.upsertCustomers([customer(503, { name: 'Pedro Lima', document: '12ABC34501DE35' })]);
    expect(ids('12ABC34501DE35')).toEqual([3]);
    expect(ids('12.abc.345/01de-35')).toEqual([3]);
    expect(ids('12.ABC.345')).toEqual([3]);
  });

  it('finds a cached customer by an alphanumeric CNPJ with or without punctuation', () => {
    store.upsertCustomers([
      customer(504, { name: 'Mercado Lima LTDA', document: '12ABC34501DE35' }),
    ]);
    for (const term of ['12ABC34501DE35', '12.abc.345/01DE-35', '12.ABC']) {
      expect(
        store.searchCustomers({ by: 'document', term, limit: 5 }).map((found) => found.document),
      ).toEqual(['12ABC34501DE35']);
    }
  });

  it('lists the newest match first and stops at the limit', () => {
    // Ticket 2's match is its message of May, newer than the opening of ticket 3.
    expect(ids('conex')).toEqual([2, 3]);
    store.upsertRemoteTickets(
      Array.from({ length: 30 }, (_, i) =>
        remoteTicket(100 + i, { customer: { id: 900, code: 9, name: 'Provedor Conexão' } }),
      ),
    );
    // The May message still beats January's openings; then the newest openings, five in all.
    expect(ids('conex', 5)).toEqual([2, 129, 128, 127, 126]);
  });

  it('marks where the words matched in the snippet it returns', () => {
    const [hit] = store.searchTickets('visita');
    expect(hit?.matched).toBe('message');
    expect(hit?.messageLocalId).toBe('m:20');
    const range = hit?.highlights[0];
    expect(range && hit?.snippet.slice(range.start, range.end)).toBe('visita');
  });

  it('cuts a long message down to the words around the match, accents kept', () => {
    const filler = 'palavra '.repeat(30);
    store.upsertTicketDetail(
      remoteTicket(3, {
        messages: [
          remoteMessage(30, 3, `${filler}Instalação concluída ${filler}`, '2024-06-01T00:00:00Z'),
        ],
      }),
    );
    const [hit] = store.searchTickets('instalacao');
    expect(hit?.snippet.startsWith('…')).toBe(true);
    expect(hit?.snippet.endsWith('…')).toBe(true);
    expect(hit?.snippet.length).toBeLessThan(120);
    const range = hit?.highlights[0];
    expect(range && hit?.snippet.slice(range.start, range.end)).toBe('Instalação');
  });

  it('finds nothing for text without words and for words no ticket has', () => {
    expect(ids('  ...  ')).toEqual([]);
    expect(ids('inexistente')).toEqual([]);
  });

  it('keeps the index in step when a ticket changes or its customer document arrives later', () => {
    store.upsertRemoteTickets([
      remoteTicket(2, { customer: { id: 502, code: 2, name: 'Ana Beatriz' } }),
    ]);
    expect(ids('souza')).toEqual([]);
    expect(ids('beatriz')).toEqual([2]);
    store.upsertCustomers([customer(502, { name: 'Ana Beatriz', document: '12345678000199' })]);
    expect(ids('12.345.678/0001-99')).toEqual([2]);
  });

  it("leaves tickets gone from the server and the server's drafts out of search hits", () => {
    store.upsertRemoteTickets([
      remoteTicket(4, {
        customer: { id: 504, code: 4, name: 'Rascunho Marques' },
        draft: true,
        messages: [remoteMessage(40, 4, 'antena desalinhada', '2024-05-02T10:00:00Z')],
      }),
      remoteTicket(5, {
        customer: { id: 505, code: 5, name: 'Apagado Marques' },
        messages: [remoteMessage(50, 5, 'antena desalinhada', '2024-05-03T10:00:00Z')],
      }),
      remoteTicket(6, {
        customer: { id: 506, code: 6, name: 'Presente Marques' },
        messages: [remoteMessage(60, 6, 'antena desalinhada', '2024-05-01T10:00:00Z')],
      }),
    ]);
    // An action still to send keeps the gone ticket in the cache, hidden.
    store.enqueueAction({ kind: 'reply', ticketKey: 't:5', payload: { text: 'ok' } });
    expect(store.markTicketGone('t:5')).toBe('kept');

    expect(ids('marques')).toEqual([6]);
    expect(ids('antena desalinhada')).toEqual([6]);
    expect(
      store.listTickets({ search: 'antena', includeServerDrafts: true }).items.map((t) => t.id),
    ).toEqual([6, 4]);
  });

  it('finds a ticket by digits from the middle of its protocol and says it matched there', () => {
    store.upsertRemoteTickets([remoteTicket(7, { protocol: '20240845127733001122' })]);
    const [hit, ...others] = store.searchTickets('4512');
    expect(others).toEqual([]);
    expect(hit?.ticket.id).toBe(7);
    expect(hit?.matched).toBe('protocol');
    const range = hit?.highlights[0];
    expect(range && hit?.snippet.slice(range.start, range.end)).toBe('4512');
    expect(store.listTickets({ search: '451277' }).items.map((t) => t.id)).toEqual([7]);
    // A long fragment is looked up by its end and checked whole.
    expect(ids('0845127733001')).toEqual([7]);
    expect(ids('0845127733009')).toEqual([]);
  });

  it("finds a customer's tickets by a phone typed with or without mask, DDD or +55", () => {
    store.upsertCustomers([
      customer(502, { name: 'Ana Souza', phones: ['(37) 99123-4567', '3732214455'] }),
    ]);
    for (const typed of ['37991234567', '(37) 99123-4567', '+55 37 99123-4567', '99123-4567']) {
      const hits = store.searchTickets(typed);
      expect(hits.map((hit) => [hit.ticket.id, hit.matched])).toEqual([[2, 'phone']]);
      expect(hits[0]?.snippet).toBe('(37) 99123-4567');
    }
    expect(ids('(37) 3221-4455')).toEqual([2]);
    expect(ids('99123-4568')).toEqual([]);
    // A new list of phones replaces the old one.
    store.upsertCustomers([customer(502, { name: 'Ana Souza', phones: ['37988887777'] })]);
    expect(ids('99123-4567')).toEqual([]);
    expect(ids('98888-7777')).toEqual([2]);
  });

  it("finds a ticket created here by its opening contact's phone", () => {
    store.upsertCustomers([
      customer(700, { services: [{ id: 7001, planName: null, status: null, address: null }] }),
    ]);
    const { ticketKey } = store.enqueueAction({
      kind: 'create',
      payload: { serviceId: 7001, description: 'Sem sinal', name: 'Rita', phone: '31987654321' },
    });
    const hits = store.searchTickets('(31) 98765-4321');
    expect(hits.map((hit) => [hit.ticket.key, hit.matched])).toEqual([[ticketKey, 'phone']]);
  });

  it("says which of the ticket's fields or messages the words matched", () => {
    const matched = (text: string) => store.searchTickets(text).map((hit) => hit.matched);
    expect(matched('joao')).toEqual(['customer']);
    expect(matched('862.149.410-81')).toEqual(['document']);
    expect(matched('perda')).toEqual(['opening']);
    expect(matched('visita')).toEqual(['message']);
  });

  it('indexes the protocols and phones a cache held before it could search numbers', () => {
    store.upsertCustomers([customer(502, { name: 'Ana Souza', phones: ['37991234567'] })]);
    const file = join(dirs.make(), 'older.sqlite');
    store.close();
    store = StoreCore.open(file);
    store.upsertRemoteTickets([
      remoteTicket(8, {
        protocol: '20240845127733001199',
        customer: { id: 508, code: 8, name: 'X' },
      }),
    ]);
    store.upsertCustomers([customer(508, { phones: ['(21) 3222-1111'] })]);
    store.close();
    const db = new Database(file);
    db.exec(`DROP TABLE protocols_fts; DROP TABLE customer_phones; DROP TABLE contact_phones;`);
    db.pragma(`user_version = ${migrations.indexOf(numbersSearchedAnywhere)}`);
    db.close();
    store = StoreCore.open(file);
    expect(ids('4512773')).toEqual([8]);
    expect(ids('3222-1111')).toEqual([8]);
  });
});
