/**
 * Full-text search over the cached tickets and messages (FTS5, accent-insensitive, prefixes)
 * against a LIKE scan of the same columns measured in the same run. Realistic queries: accented
 * and unaccented words, prefixes, customer names, protocol fragments, CPFs with and without
 * punctuation, digits from inside a protocol, phones with and without mask and DDD, and a word
 * that matches nothing (the worst case for a scan).
 * Run alone with `npx tsx bench/search.ts [--quick]`.
 */
import Database from 'better-sqlite3';
import { StoreCore } from '../main/store/core';
import { isMainModule, runStandalone, type Scale } from './lib/main-module';
import type { BenchRow } from './lib/result';
import { round, summarize, timeEach, type Timings } from './lib/stats';
import { ensureDataset, type Dataset, type DatasetSpec } from './lib/store-dataset';

export function datasetSpec(scale: Scale): DatasetSpec {
  return scale.quick
    ? { tickets: 5_000, messagesPerTicket: 10, seed: 42 }
    : { tickets: 100_000, messagesPerTicket: 10, seed: 42 };
}

const wanted = 50;

function queries(samples: Dataset['samples']): string[] {
  const [protocol = '', , middleProtocol = ''] = samples.protocols;
  const [cpf = ''] = samples.cpfs;
  const [name = ''] = samples.customerNames;
  const [phone = '', otherPhone = ''] = samples.phones;
  const formattedCpf = `${cpf.slice(0, 3)}.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}-${cpf.slice(9)}`;
  return [
    'conexão',
    'conexao',
    'lentid',
    'reiniciada onu',
    'técnico no local',
    'visita tecnica manha',
    'boleto whatsapp',
    'rompimento fibra',
    name,
    name.split(' ').slice(0, 2).join(' '),
    protocol,
    middleProtocol.slice(0, 12),
    cpf,
    formattedCpf,
    cpf.slice(0, 6),
    // Digits from inside a protocol, found anywhere in it (trigram index).
    middleProtocol.slice(9, 15),
    phone,
    otherPhone.replace(/\D/g, '').slice(2),
    '(11) 90000-0000',
    'inexistente',
  ];
}

/** The words as LIKE patterns: digits without punctuation, words as typed. */
function likeTerms(query: string): string[] {
  return query
    .trim()
    .split(/\s+/)
    .map((word) => (/^[\d.\-/]+$/.test(word) ? word.replace(/\D/g, '') : word))
    .filter(Boolean)
    .map((word) => `%${word}%`);
}

/** The newest 50 tickets whose fields or messages contain every word, the way LIKE can. */
function likeSearch(db: Database.Database) {
  const ticketFields =
    "(t.protocol || ' ' || coalesce(t.customer_name, '') || ' ' || " +
    "coalesce(t.customer_document, '') || ' ' || coalesce(t.description, ''))";
  const cache = new Map<number, { tickets: Database.Statement; messages: Database.Statement }>();
  const statementsFor = (terms: number) => {
    let statements = cache.get(terms);
    if (!statements) {
      const all = (column: string) =>
        Array.from({ length: terms }, () => `${column} LIKE ?`).join(' AND ');
      statements = {
        tickets: db.prepare(
          `SELECT t.seq FROM tickets t WHERE ${all(ticketFields)} ORDER BY t.seq DESC LIMIT ?`,
        ),
        messages: db.prepare(
          `SELECT m.seq, t.seq AS ticket_seq FROM messages m JOIN tickets t ON t.key = m.ticket_key
           WHERE ${all('m.text')} ORDER BY m.seq DESC LIMIT ?`,
        ),
      };
      cache.set(terms, statements);
    }
    return statements;
  };
  return (query: string): number => {
    const terms = likeTerms(query);
    const statements = statementsFor(terms.length);
    const seqs = new Set<number>();
    for (const row of statements.tickets.all(...terms, wanted) as { seq: number }[])
      seqs.add(row.seq);
    for (const row of statements.messages.iterate(...terms, wanted * 10) as Iterable<{
      ticket_seq: number;
    }>) {
      seqs.add(row.ticket_seq);
      if (seqs.size >= wanted * 2) break;
    }
    return seqs.size;
  };
}

export async function benchSearch(scale: Scale): Promise<BenchRow[]> {
  const spec = datasetSpec(scale);
  const dataset = ensureDataset(spec);
  const list = queries(dataset.samples);
  const store = StoreCore.open(dataset.file);
  const raw = new Database(dataset.file, { readonly: true });
  try {
    const ftsRuns = scale.quick ? 10 : 30;
    const likeRuns = scale.quick ? 2 : 3;
    const perQuery: Record<
      string,
      { hits: number; ftsP95: number; ftsCpuP95: number; likeMedian: number }
    > = {};
    const fts: Timings = { wall: [], cpu: [] };
    const like: number[] = [];
    const scan = likeSearch(raw);
    for (const query of list) {
      const hits = store.searchTickets(query, { limit: wanted }).length;
      const ftsSamples = timeEach(ftsRuns, () => store.searchTickets(query, { limit: wanted }));
      const likeSamples = timeEach(likeRuns, () => scan(query), 1);
      fts.wall.push(...ftsSamples.wall);
      fts.cpu.push(...ftsSamples.cpu);
      like.push(...likeSamples.wall);
      perQuery[query] = {
        hits,
        ftsP95: round(summarize(ftsSamples.wall).p95),
        ftsCpuP95: round(summarize(ftsSamples.cpu).p95),
        likeMedian: round(summarize(likeSamples.wall).median),
      };
      // Yield between queries so a caller's timers and output are not starved.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const measured = summarize(fts.wall);
    const cpu = summarize(fts.cpu);
    const baseline = summarize(like);
    const ratio = baseline.median / measured.median;
    return [
      {
        id: 'search.fts',
        name: `Search, newest ${wanted} (${spec.tickets / 1000}k tickets, ${(spec.tickets * spec.messagesPerTicket) / 1000}k messages)`,
        budget: 'p95 < 10 ms and ≥ 20× faster than LIKE',
        unit: 'ms',
        median: round(measured.median),
        p95: round(measured.p95),
        baseline: { name: 'LIKE scan, median', value: round(baseline.median) },
        ratio: round(ratio, 1),
        ratioMeaning: 'faster',
        within: measured.p95 < 10 && ratio >= 20,
        note:
          'StoreCore on the main thread (the app adds one worker round trip); ' +
          `${list.length} queries × ${ftsRuns} runs; LIKE × ${likeRuns}, and LIKE misses accents; ` +
          `CPU time p50 ${round(cpu.median)} ms, p95 ${round(cpu.p95)} ms`,
        details: {
          dataset: { ...spec, buildSeconds: dataset.buildSeconds },
          likeP95: round(baseline.p95),
          cpu: { median: round(cpu.median), p95: round(cpu.p95) },
          perQuery,
        },
      },
    ];
  } finally {
    raw.close();
    store.close();
  }
}

if (isMainModule(import.meta.url)) runStandalone(benchSearch);
