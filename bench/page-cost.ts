/**
 * Where a backfill page's time goes (a diagnostic behind the backfill figures, not a budget):
 * for 20 pages of 500 tickets from the simulator, the JSON parse, the client's validation and
 * normalization, the copy a postMessage to the store worker makes (structuredClone), and the
 * write in one transaction — as shipped, without the ticket FTS triggers, without the six
 * covering list indexes, and without both. Run with `npx tsx bench/page-cost.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { RemoteTicket } from '../main/hubsoft/model';
import { readZeroBasedPage } from '../main/hubsoft/parse/payload';
import { DEMO_ACCOUNT } from '../main/sim/demo-account';
import { startSimulator } from '../main/sim/server';
import { StoreCore } from '../main/store/core';
import { round, summarize } from './lib/stats';

const pages = 20;
const perPage = 500;
const ftsTriggers = ['tickets_fts_insert', 'tickets_fts_update'].map((t) => `DROP TRIGGER ${t}`);
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
        `&itens_por_pagina=${perPage}&data_inicio=2000-01-01&data_fim=2099-12-31`;
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

function timed<T>(samples: number[], fn: () => T): T {
  const begin = performance.now();
  const result = fn();
  samples.push(performance.now() - begin);
  return result;
}

function writeCost(parsed: RemoteTicket[][], drop: string[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'hubdesk-bench-page-cost-'));
  try {
    const file = join(dir, 'profile.sqlite');
    StoreCore.open(file).close();
    const raw = new Database(file);
    for (const statement of drop) raw.exec(statement);
    raw.close();
    const store = StoreCore.open(file);
    const samples: number[] = [];
    for (const tickets of parsed) timed(samples, () => store.upsertRemoteTickets(tickets));
    store.close();
    return round(summarize(samples).median, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const { texts } = await fetchPages();
const parse: number[] = [];
const normalize: number[] = [];
const copy: number[] = [];
const parsed: RemoteTicket[][] = [];
for (const [page, text] of texts.entries()) {
  const body: unknown = timed(parse, () => JSON.parse(text));
  const begin = performance.now();
  const { tickets } = await readZeroBasedPage(body, 'atendimento/todos', page);
  normalize.push(performance.now() - begin);
  timed(copy, () => structuredClone(tickets));
  parsed.push(tickets);
}
const median = (samples: number[]) => round(summarize(samples).median, 1);
console.log(
  JSON.stringify(
    {
      pageMegabytes: round(summarize(texts.map((text) => text.length / 1e6)).median, 2),
      mainThreadMs: { jsonParse: median(parse), normalize: median(normalize), copy: median(copy) },
      writeMs: {
        asShipped: writeCost(parsed, []),
        withoutFtsTriggers: writeCost(parsed, ftsTriggers),
        withoutListIndexes: writeCost(parsed, listIndexes),
        withoutBoth: writeCost(parsed, [...ftsTriggers, ...listIndexes]),
      },
    },
    null,
    2,
  ),
);
