/**
 * One-off measurement of the store at design scale (100k tickets, 1M messages): insertion time,
 * search and inbox page latency. Not a test; run by hand:
 *   npx tsx bench/store.ts [tickets] [messagesPerTicket] [keepFile]
 * With `keepFile`, the database is kept there and reused by the next run instead of rebuilt.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { RemoteMessage, RemoteTicket } from '../main/hubsoft/model';
import { StoreCore } from '../main/store/core';
import type { TicketListQuery } from '../main/store/types';
import { remoteTicket } from '../test/unit/store/fixtures';

const ticketCount = Number(process.argv[2] ?? 100_000);
const messagesPerTicket = Number(process.argv[3] ?? 10);
const keepFile = process.argv[4];
const pageSize = 500;

function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const firstNames = ['João', 'Maria', 'José', 'Ana', 'Antônio', 'Conceição', 'Luís', 'Márcia'];
const lastNames = ['Silva', 'Souza', 'Gonçalves', 'Araújo', 'Conceição', 'Lima', 'Ribeiro'];
const phrases = [
  'Cliente sem conexão desde ontem à noite',
  'Lentidão na navegação no horário de pico',
  'Roteador reiniciado remotamente, aguardando retorno',
  'Técnico agendado para visita amanhã de manhã',
  'Troca de plano solicitada pelo titular',
  'Fibra rompida na rua, equipe de rede acionada',
  'Sinal óptico baixo na ONU, verificar conector',
  'Cliente informa que a internet voltou a funcionar',
  'Boleto em atraso, negociação de débito',
  'Mudança de endereço com reinstalação',
];
const statuses = [
  { id: 23, prefix: 'aguardando_analise', label: 'Aguardando Análise' },
  { id: 24, prefix: 'em_analise', label: 'Em análise' },
  { id: 25, prefix: 'pendente', label: 'Pendente' },
  { id: 30, prefix: 'resolvido', label: 'Resolvido' },
];
const types = [125, 126, 127, 128, 129, 130].map((id) => ({ id, label: `TIPO ${id}` }));
const start = Date.UTC(2025, 0, 1);

function ticket(id: number): RemoteTicket {
  const openedAt = new Date(start + id * 300_000).toISOString();
  const status = pick(statuses);
  const closed = status.id === 30;
  const messages: RemoteMessage[] = Array.from({ length: messagesPerTicket }, (_, i) => ({
    id: id * messagesPerTicket + i,
    ticketId: id,
    text: `${pick(phrases)}. ${pick(phrases)}.`,
    createdAt: new Date(Date.parse(openedAt) + (i + 1) * 60_000).toISOString(),
  }));
  return remoteTicket(id, {
    protocol: `2025${String(id).padStart(16, '0')}`,
    openedAt,
    closedAt: closed ? new Date(Date.parse(openedAt) + 86_400_000).toISOString() : null,
    statusId: status.id,
    status,
    type: pick(types),
    typeId: null,
    customer: {
      id: 10_000 + (id % 40_000),
      code: id % 40_000,
      name: `${pick(firstNames)} ${pick(lastNames)} ${pick(lastNames)}`,
    },
    responsibleUserIds: random() < 0.2 ? [Math.floor(random() * 20)] : [],
    description: pick(phrases),
    sla: { remaining: null, percentRemaining: Math.floor(random() * 100) },
    messages,
    raw: { cliente: { cpf_cnpj: String(10_000_000_000 + id) } },
  });
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function measure(label: string, runs: number, fn: (run: number) => unknown): void {
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const begin = performance.now();
    fn(run);
    samples.push(performance.now() - begin);
  }
  const fmt = (n: number) => n.toFixed(2).padStart(8);
  console.log(
    `${label.padEnd(44)} p50 ${fmt(percentile(samples, 50))} ms  p95 ${fmt(percentile(samples, 95))} ms`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'hubdesk-measure-'));
const file = keepFile ?? join(dir, 'profile.sqlite');
try {
  const reuse = existsSync(file);
  const openBegin = performance.now();
  const store = StoreCore.open(file);
  if (reuse) {
    console.log(
      `reopened (integrity check + migrations) in ${(performance.now() - openBegin).toFixed(0)} ms`,
    );
  } else {
    const insertBegin = performance.now();
    for (let first = 1; first <= ticketCount; first += pageSize) {
      const last = Math.min(first + pageSize - 1, ticketCount);
      store.upsertRemoteTickets(
        Array.from({ length: last - first + 1 }, (_, i) => ticket(first + i)),
      );
    }
    const insertSeconds = (performance.now() - insertBegin) / 1000;
    console.log(
      `inserted ${ticketCount} tickets + ${ticketCount * messagesPerTicket} messages in ` +
        `${insertSeconds.toFixed(1)} s (pages of ${pageSize}, one transaction each); ` +
        `file ${(statSync(file).size / 1e6).toFixed(0)} MB`,
    );
  }

  const searches = ['conex', 'roteador', 'joao silva', 'tecnico agendado', 'fibra', 'lentidao'];
  const numbers = ['20250000000000012', '2025000000000009', '10000012345', '100.000.123-45'];
  measure('search, words (newest 50)', 120, (run) =>
    store.searchTickets(searches[run % searches.length] ?? '', { limit: 50 }),
  );
  measure('search, protocol / CPF fragments (newest 50)', 120, (run) =>
    store.searchTickets(numbers[run % numbers.length] ?? '', { limit: 50 }),
  );

  const raw = new Database(file, { readonly: true });
  measure('LIKE scan baseline (messages, 50 rows)', 10, (run) =>
    raw
      .prepare('SELECT seq FROM messages WHERE text LIKE ? ORDER BY seq DESC LIMIT 50')
      .all(`%${['conexão', 'Roteador', 'Técnico'][run % 3]}%`),
  );
  measure('LIKE scan baseline (word absent, full scan)', 5, () =>
    raw.prepare('SELECT seq FROM messages WHERE text LIKE ? LIMIT 50').all('%inexistente%'),
  );
  raw.close();

  const queries: TicketListQuery[] = [
    {},
    { status: 'open' },
    { status: 'open', sort: 'sla' },
    { status: 'closed', sort: 'opened_asc' },
    { statusIds: [23, 24], status: 'open' },
    { typeIds: [127], status: 'all' },
    { responsibleUserId: 7, status: 'open' },
    { openedFrom: '2025-03-01T00:00:00.000Z', openedTo: '2025-04-01T00:00:00.000Z' },
    { sort: 'updated_desc' },
  ];
  measure('inbox page of 100 (filters, sorts, total)', 180, (run) =>
    store.listTickets({ ...queries[run % queries.length], limit: 100 }),
  );
  const cursors = queries.map((query) => store.listTickets({ ...query, limit: 100 }).nextCursor);
  measure('inbox next page of 100 via cursor', 180, (run) =>
    store.listTickets({
      ...queries[run % queries.length],
      limit: 100,
      cursor: cursors[run % queries.length] ?? null,
    }),
  );
  measure('inbox page of 100 with search "conex"', 20, () =>
    store.listTickets({ search: 'conex', status: 'open', limit: 100 }),
  );
  measure('getTicket with 10 messages', 200, (run) =>
    store.getTicket(`t:${1 + ((run * 4999) % ticketCount)}`),
  );
  store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
