import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../main/sim/server';
import { accessToken, api, postJson, rowsOf, startSim, type JsonObject } from './sim-client';

const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);
const running: RunningSimulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});

async function open(options: { seed?: number; tickets?: number }) {
  const sim = await startSim({ now: NOW, ...options });
  running.push(sim);
  sim.setFaults({ rateLimit: null });
  return { sim, token: await accessToken(sim) };
}

/** Drops the fields that depend on the wall clock at the time of the request. */
function timeless(rows: JsonObject[]): JsonObject[] {
  return rows.map((row) => {
    const copy = { ...row };
    for (const key of [
      'minutos_em_aberto',
      'tempo_restante',
      'percentual_tempo_restante',
      'percentual_color_class',
    ]) {
      delete copy[key];
    }
    return copy;
  });
}

/** Check digits over each character's code minus 48, so the alphanumeric CNPJ's letters count. */
function digitsValid(document: string): boolean {
  const digits = document.split('').map((char) => char.charCodeAt(0) - 48);
  const check = (length: number, weights: number[]) => {
    const sum = weights.reduce((acc, weight, i) => acc + weight * (digits[i] ?? 0), 0);
    const rest = sum % 11;
    return (rest < 2 ? 0 : 11 - rest) === digits[length];
  };
  if (document.length === 11) {
    return check(9, [10, 9, 8, 7, 6, 5, 4, 3, 2]) && check(10, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  }
  if (document.length === 14) {
    return (
      check(12, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]) &&
      check(13, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2])
    );
  }
  return false;
}

describe('generated data', () => {
  it('is the same for the same seed and different for another seed', async () => {
    const a = await open({ seed: 7, tickets: 300 });
    const b = await open({ seed: 7, tickets: 300 });
    const c = await open({ seed: 8, tickets: 300 });
    const page = 'atendimento/todos?itens_por_pagina=300&relacoes=atendimento_mensagem';
    const rowsA = timeless(rowsOf((await api(a.sim, a.token, page)).body));
    const rowsB = timeless(rowsOf((await api(b.sim, b.token, page)).body));
    const rowsC = timeless(rowsOf((await api(c.sim, c.token, page)).body));
    expect(rowsA).toEqual(rowsB);
    expect(rowsA.map((row) => row.protocolo)).not.toEqual(rowsC.map((row) => row.protocolo));
    const customerA = await api(a.sim, a.token, 'cliente?busca=codigo_cliente&termo_busca=1042');
    const customerB = await api(b.sim, b.token, 'cliente?busca=codigo_cliente&termo_busca=1042');
    expect(customerA.body).toEqual(customerB.body);
  });

  it('spreads openings over the 120 days before the start and covers every status and type', async () => {
    const { sim, token } = await open({ tickets: 2000 });
    const rows: JsonObject[] = [];
    for (let page = 0; page < 4; page += 1) {
      rows.push(
        ...rowsOf(
          (await api(sim, token, `atendimento/todos?itens_por_pagina=500&pagina=${page}`)).body,
        ),
      );
    }
    const opened = rows.map((row) => row.data_cadastro_timestamp as number);
    expect(Math.min(...opened)).toBeGreaterThanOrEqual(NOW - 120 * 86_400_000);
    expect(Math.min(...opened)).toBeLessThan(NOW - 110 * 86_400_000);
    expect(Math.max(...opened)).toBeLessThan(NOW);
    const statuses = (await api(sim, token, 'configuracao/status_atendimento')).body
      .status_atendimento as JsonObject[];
    const types = (await api(sim, token, 'configuracao/tipo_atendimento')).body
      .tipos_atendimento as JsonObject[];
    expect(new Set(rows.map((row) => row.id_atendimento_status))).toEqual(
      new Set(statuses.map((status) => status.id_atendimento_status)),
    );
    expect(new Set(rows.map((row) => row.id_tipo_atendimento))).toEqual(
      new Set(types.map((type) => type.id_tipo_atendimento)),
    );
    expect(rows.some((row) => row.data_fechamento === null)).toBe(true);
    expect(rows.some((row) => (row.ordem_servico_count as number) > 0)).toBe(true);
  });

  it('gives customers CPF and CNPJ numbers, some CNPJs alphanumeric, with valid check digits', async () => {
    const { sim, token } = await open({ tickets: 600 });
    const documents: string[] = [];
    for (let code = 1000; code < 1200; code += 1) {
      const { body } = await api(sim, token, `cliente?busca=codigo_cliente&termo_busca=${code}`);
      documents.push(String(((body.clientes as JsonObject[])[0] as JsonObject).cpf_cnpj));
    }
    expect(documents.some((doc) => doc.length === 11)).toBe(true);
    expect(documents.some((doc) => doc.length === 14)).toBe(true);
    expect(documents.some((doc) => /^[0-9A-Z]{12}\d{2}$/.test(doc) && /[A-Z]/.test(doc))).toBe(
      true,
    );
    expect(documents.filter((doc) => !digitsValid(doc))).toEqual([]);
  });
});

describe('admin API', () => {
  it('resets to another seed and size', async () => {
    const { sim, token } = await open({ seed: 1, tickets: 300 });
    const before = rowsOf((await api(sim, token, 'atendimento/todos?itens_por_pagina=5')).body);
    const reset = await postJson(`${sim.url}/__sim/reset`, { seed: 99, tickets: 50 });
    expect(reset.body).toEqual({ ok: true, seed: 99, tickets: 50 });
    const after = await api(sim, token, 'atendimento/todos?itens_por_pagina=5');
    expect((after.body.paginacao as JsonObject).total_registros).toBe(50);
    expect(rowsOf(after.body).map((row) => row.protocolo)).not.toEqual(
      before.map((row) => row.protocolo),
    );
    const invalid = await postJson(`${sim.url}/__sim/reset`, { seed: 'x' });
    expect(invalid.status).toBe(400);
  });

  it('reports every ticket as stored, or only the changed ones, or one protocol', async () => {
    const { sim, token } = await open({ tickets: 120 });
    const created = await api(sim, token, 'atendimento', {
      method: 'POST',
      body: {
        id_cliente_servico: 17000,
        descricao: 'Lentidão',
        nome: 'Ana',
        telefone: '37991234567',
      },
    });
    const ticket = created.body.atendimento as JsonObject;
    const openRow = rowsOf(
      (await api(sim, token, 'atendimento/todos?itens_por_pagina=100')).body,
    ).find((row) => row.data_fechamento === null) as JsonObject;
    const reply = await api(
      sim,
      token,
      `atendimento/adicionar_mensagem/${openRow.id_atendimento}`,
      {
        method: 'POST',
        body: { mensagem: 'Retorno ao cliente' },
      },
    );
    expect(reply.body.status).toBe('success');
    const full = (await (await fetch(`${sim.url}/__sim/state`)).json()) as JsonObject;
    expect(full.tickets as unknown[]).toHaveLength(121);
    const changed = (await (
      await fetch(`${sim.url}/__sim/state?only=changed`)
    ).json()) as JsonObject;
    const changedTickets = changed.tickets as JsonObject[];
    expect(changedTickets.map((t) => t.id)).toEqual([
      openRow.id_atendimento,
      Number(ticket.id_atendimento),
    ]);
    const first = changedTickets[0] as JsonObject;
    expect((first.messages as JsonObject[]).at(-1)?.text).toBe('Retorno ao cliente');
    const one = (await (
      await fetch(`${sim.url}/__sim/state?protocol=${String(ticket.protocolo)}`)
    ).json()) as JsonObject;
    expect((one.tickets as JsonObject[]).map((t) => t.protocol)).toEqual([ticket.protocolo]);
  });
});
