/**
 * Where a backfill page's time goes (a diagnostic behind the backfill figures, not a budget):
 * for 20 pages of 500 tickets from the simulator, with the relations sync asks for (messages
 * too). The main thread now only moves the page's bytes to the store worker; what it used to do
 * is still measured for comparison (the JSON parse, the validation and normalization, a structured
 * clone or the JSON bytes of the tickets). The store worker's part, as `writeTicketListPage` does
 * it: reading the bytes (decode, parse, validation and normalization) and the write of the page
 * in one transaction: new to the cache as shipped, without the six covering list indexes, and the
 * same pages again (what an incremental run mostly sees). Wall and CPU time (the machine is
 * shared; CPU time leaves out waiting for a core). Run with `npx tsx bench/page-cost.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { RemoteTicket } from '../main/hubsoft/model';
import { readListPageBytes } from '../main/hubsoft/list-page-bytes';
import { readZeroBasedPage } from '../main/hubsoft/parse/payload';
import { DEMO_ACCOUNT } from '../main/sim/demo-account';
import { startSimulator } from '../main/sim/server';
import { StoreCore } from '../main/store/core';
import { syncListRelations } from '../main/sync/list-relations';
import { round, summarize } from './lib/stats';

const pages = 20;
const perPage = 500;
const listIndexes = [
  'tickets_opened',
  'tickets_closed_opened',
  'tickets_closed_sla',
  'tickets_updated',
  'tickets_status',
  'tickets_type',
].map((index) => `DROP INDEX ${index}`);

async function fetchPages(): Promise<{ texts: string[] }> {
  const sim = await startSimulator({ seed: 42, tickets: pages * perPage });
  try {
    sim.setFaults({ rateLimit: null });
    const tokenResponse = await fetch(`${sim.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        grant_type: 'password',
        client_id: DEMO_ACCOUNT.clientId,
        client_secret: DEMO_ACCOUNT.clientSecret,
        username: DEMO_ACCOUNT.username,
        password: DEMO_ACCOUNT.password,
      }),
    });
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const texts: string[] = [];
    for (let page = 0; page < pages; page += 1) {
      const url =
        `${sim.url}/api/v1/integracao/atendimento/todos?pagina=${page}` +
        `&itens_por_pagina=${perPage}&data_inicio=2000-01-01&data_fim=2099-12-31` +
        // What every sync list call asks for, so the page weighs what the app's pages weigh.
        `&relacoes=${syncListRelations.join(',')}`;
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      });
      texts.push(await response.text());
    }
    return { texts };
  } finally {
    await sim.close();
  }
}

function timed<T>(samples: number[], fn: () => T, cpuSamples?: number[]): T {
  const begin = performance.now();
  const cpu = process.cpuUsage();
  const result = fn();
  samples.push(performance.now() - begin);
  const used = process.cpuUsage(cpu);
  cpuSamples?.push((used.user + used.system) / 1000);
  return result;
}

interface WriteCost {
  wallMs: number;
  cpuMs: number;
  againWallMs: number;
  againCpuMs: number;
}

function writeCost(parsed: RemoteTicket[][], drop: string[]): WriteCost {
  const dir = mkdtempSync(join(tmpdir(), 'hubdesk-bench-page-cost-'));
  try {
    const file = join(dir, 'profile.sqlite');
    StoreCore.open(file).close();
    const raw = new Database(file);
    for (const statement of drop) raw.exec(statement);
    raw.close();
    const store = StoreCore.open(file);
    const [wall, cpu, againWall, againCpu]: [number[], number[], number[], number[]] = [
      [],
      [],
      [],
      [],
    ];
    for (const tickets of parsed) timed(wall, () => store.upsertRemoteTickets(tickets), cpu);
    for (const tickets of parsed) {
      timed(againWall, () => store.upsertRemoteTickets(tickets), againCpu);
    }
    store.close();
    return {
      wallMs: median(wall),
      cpuMs: median(cpu),
      againWallMs: median(againWall),
      againCpuMs: median(againCpu),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (samples: number[]) => round(summarize(samples).median, 1);
const { texts } = await fetchPages();
const parse: number[] = [];
const normalize: number[] = [];
const copy: number[] = [];
const pack: number[] = [];
const readBytes: number[] = [];
const readBytesCpu: number[] = [];
const utf8 = new TextEncoder();
const parsed: RemoteTicket[][] = [];
for (const [page, text] of texts.entries()) {
  const body: unknown = timed(parse, () => JSON.parse(text));
  const begin = performance.now();
  const { tickets } = await readZeroBasedPage(body, 'atendimento/todos', page);
  normalize.push(performance.now() - begin);
  timed(copy, () => structuredClone(tickets));
  timed(pack, () => utf8.encode(JSON.stringify([tickets])));
  const bytes = utf8.encode(text);
  const request = 'GET /api/v1/integracao/atendimento/todos';
  timed(
    readBytes,
    () =>
      readListPageBytes({
        status: 200,
        contentType: 'application/json',
        bytes,
        request,
        requestedPage: page,
      }),
    readBytesCpu,
  );
  parsed.push(tickets);
}
const shipped = writeCost(parsed, []);
console.log(
  JSON.stringify(
    {
      pageMegabytes: round(summarize(texts.map((text) => text.length / 1e6)).median, 2),
      mainThreadBeforeMs: {
        jsonParse: median(parse),
        normalize: median(normalize),
        structuredClone: median(copy),
        packedAsJson: median(pack),
      },
      workerReadsBytes: { wallMs: median(readBytes), cpuMs: median(readBytesCpu) },
      write: {
        asShipped: shipped,
        withoutListIndexes: writeCost(parsed, listIndexes),
      },
      storeTicketsPerSecond: {
        wall: round((perPage / (shipped.wallMs + median(readBytes))) * 1000, 0),
        cpu: round((perPage / (shipped.cpuMs + median(readBytesCpu))) * 1000, 0),
      },
    },
    null,
    2,
  ),
);
