/**
 * The store at design scale for the search and inbox benchmarks: tickets with Brazilian customers,
 * CPFs and the simulator's Portuguese texts, N messages each, written through StoreCore in pages
 * of 500 as a backfill writes them. Building 1M messages takes minutes, so the file is cached
 * under bench/.cache/, named by size, seed and generator version, and reused by later runs.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RemoteMessage, RemoteTicket } from '../../main/hubsoft/model';
import { FIRST_NAMES, SURNAMES } from '../../main/sim/br-data';
import { randomCpf } from '../../main/sim/br-documents';
import type { TopicKey } from '../../main/sim/catalog';
import { Rng } from '../../main/sim/random';
import { followUpText, openingText } from '../../main/sim/texts';
import { StoreCore } from '../../main/store/core';

export interface DatasetSpec {
  tickets: number;
  messagesPerTicket: number;
  seed: number;
}

export interface Dataset {
  file: string;
  /** Seconds spent generating it in this run; null when the cached file was reused. */
  buildSeconds: number | null;
  /** Values that exist in the data, for queries that must find something. */
  samples: { protocols: string[]; cpfs: string[]; customerNames: string[]; phones: string[] };
}

/** Bumped when what is generated changes, so an old cached file is not reused. */
const generatorVersion = 3;
const pageSize = 500;
const cacheDir = resolve(import.meta.dirname, '../.cache');
const topics: readonly TopicKey[] = ['tecnico', 'financeiro', 'comercial', 'cadastro'];
const statuses = [
  { id: 23, prefix: 'aguardando_analise', label: 'Aguardando Análise' },
  { id: 24, prefix: 'em_analise', label: 'Em análise' },
  { id: 25, prefix: 'pendente', label: 'Pendente' },
  { id: 30, prefix: 'resolvido', label: 'Resolvido' },
] as const;
const types = [125, 126, 127, 128, 129, 130].map((id) => ({ id, label: `TIPO ${id}` }));
/** One ticket every 2 minutes, from this moment on: 100k tickets cover about 140 days. */
const historyStart = Date.UTC(2025, 0, 1);
/** Customers open several tickets each, as on a real provider. */
const customersPerTicket = 0.4;

export function protocolOf(id: number): string {
  const day = new Date(historyStart + id * 120_000).toISOString().slice(0, 10).replace(/-/g, '');
  return `${day}${String(id).padStart(10, '0')}`;
}

function ticket(id: number, spec: DatasetSpec, customers: Customer[]): RemoteTicket {
  const rng = Rng.for(spec.seed, 'bench-ticket', id);
  const openedAt = new Date(historyStart + id * 120_000).toISOString();
  const status = rng.pick(statuses);
  const customer = customers[id % customers.length] as Customer;
  const messages: RemoteMessage[] = Array.from({ length: spec.messagesPerTicket }, (_, i) => ({
    id: id * spec.messagesPerTicket + i,
    ticketId: id,
    text: followUpText(rng),
    createdAt: new Date(Date.parse(openedAt) + (i + 1) * 60_000).toISOString(),
  }));
  return {
    id,
    protocol: protocolOf(id),
    openedAt,
    openedAtPrecision: 'time',
    closedAtPrecision: 'time',
    closedAt: status.id === 30 ? new Date(Date.parse(openedAt) + 86_400_000).toISOString() : null,
    statusId: status.id,
    status,
    typeId: null,
    type: rng.pick(types),
    serviceId: 17_000 + (id % 40_000),
    service: null,
    customer: { id: customer.id, code: customer.id - 10_000, name: customer.name },
    responsibleUserIds: rng.chance(0.2) ? [rng.int(0, 19)] : [],
    openedByUserId: 4903,
    description: openingText(rng, rng.pick(topics)),
    closingDescription: null,
    closingReasonId: null,
    draft: false,
    deletedAt: null,
    sla: { remaining: null, percentRemaining: rng.int(0, 99) },
    attachmentCount: 0,
    messages,
    serviceOrders: null,
    raw: { id_atendimento: id, cliente: { cpf_cnpj: customer.cpf } },
  };
}

interface Customer {
  id: number;
  name: string;
  cpf: string;
  /** A mobile with DDD, masked as customers' records often hold it. */
  phone: string;
}

function customersFor(spec: DatasetSpec): Customer[] {
  const count = Math.max(1, Math.round(spec.tickets * customersPerTicket));
  return Array.from({ length: count }, (_, index) => {
    const rng = Rng.for(spec.seed, 'bench-customer', index);
    return {
      id: 10_000 + index,
      name: `${rng.pick(FIRST_NAMES)} ${rng.pick(SURNAMES)} ${rng.pick(SURNAMES)}`,
      cpf: randomCpf(rng),
      phone: `(${rng.int(11, 99)}) 9${rng.int(1000, 9999)}-${rng.int(1000, 9999)}`,
    };
  });
}

function cacheFile(spec: DatasetSpec): string {
  return join(
    cacheDir,
    `store-${spec.tickets}t-${spec.messagesPerTicket}m-seed${spec.seed}-v${generatorVersion}.sqlite`,
  );
}

/** The dataset's file, built now if no earlier run left it in the cache. */
export function ensureDataset(spec: DatasetSpec): Dataset {
  const file = cacheFile(spec);
  const customers = customersFor(spec);
  const samples = {
    protocols: [7, 1_234, Math.floor(spec.tickets / 2), spec.tickets - 3].map(protocolOf),
    cpfs: [3, 77, 1_001].map((index) => customers[index % customers.length]?.cpf ?? ''),
    customerNames: [11, 501].map((index) => customers[index % customers.length]?.name ?? ''),
    phones: [5, 2_002].map((index) => customers[index % customers.length]?.phone ?? ''),
  };
  if (existsSync(file)) return { file, buildSeconds: null, samples };

  mkdirSync(cacheDir, { recursive: true });
  // Built beside the final name and renamed at the end, so an interrupted build is never reused.
  const partial = `${file}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  const begin = performance.now();
  const store = StoreCore.open(partial);
  for (let first = 1; first <= spec.tickets; first += pageSize) {
    const last = Math.min(first + pageSize - 1, spec.tickets);
    store.upsertRemoteTickets(
      Array.from({ length: last - first + 1 }, (_, i) => ticket(first + i, spec, customers)),
    );
  }
  // The cached customers, as the new-ticket form and the customer panel leave them.
  for (let first = 0; first < customers.length; first += pageSize) {
    store.upsertCustomers(
      customers.slice(first, first + pageSize).map((customer) => ({
        id: customer.id,
        code: customer.id - 10_000,
        name: customer.name,
        document: customer.cpf,
        phones: [customer.phone],
        email: null,
        services: [],
        raw: {},
      })),
    );
  }
  store.close();
  for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  renameSync(partial, file);
  return { file, buildSeconds: (performance.now() - begin) / 1000, samples };
}
