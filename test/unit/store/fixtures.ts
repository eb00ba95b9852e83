/** Builders for HubSoft data as the client normalizes it, and temp dirs for store files. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Customer, RemoteMessage, RemoteTicket } from '../../../main/hubsoft/model';

export function remoteTicket(id: number, overrides: Partial<RemoteTicket> = {}): RemoteTicket {
  return {
    id,
    protocol: `2022122918${String(id).padStart(10, '0')}`,
    openedAt: new Date(Date.UTC(2024, 0, 1) + id * 60_000).toISOString(),
    openedAtPrecision: 'time',
    closedAt: null,
    closedAtPrecision: 'time',
    statusId: 23,
    status: { id: 23, prefix: 'aguardando_analise', label: 'Aguardando Análise' },
    typeId: 125,
    type: { id: 125, label: 'COMERCIAL' },
    serviceId: 17_000 + id,
    service: null,
    customer: { id: 24_000 + id, code: 6000 + id, name: `Cliente ${id}` },
    responsibleUserIds: [],
    openedByUserId: 4903,
    description: null,
    closingDescription: null,
    closingReasonId: null,
    draft: false,
    deletedAt: null,
    sla: { remaining: '10h 00min', percentRemaining: 50 },
    attachmentCount: 0,
    messages: null,
    serviceOrders: null,
    raw: { id_atendimento: id },
    ...overrides,
  };
}

export function remoteMessage(
  id: number,
  ticketId: number,
  text: string,
  at: string,
): RemoteMessage {
  return { id, ticketId, text, createdAt: at };
}

export function customer(id: number, overrides: Partial<Customer> = {}): Customer {
  return {
    id,
    code: id + 1000,
    name: `Cliente ${id}`,
    document: null,
    phones: [],
    email: null,
    services: [],
    raw: {},
    ...overrides,
  };
}

/** A fresh temp dir per test; `cleanup` removes them all. */
export function tempDirs() {
  const made: string[] = [];
  return {
    make(): string {
      const dir = mkdtempSync(join(tmpdir(), 'hubdesk-store-'));
      made.push(dir);
      return dir;
    },
    cleanup(): void {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
