import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../main/sim/server';
import { accessToken, api, postJson, rowsOf, startSim, type JsonObject } from './sim-client';

const NOW = Date.UTC(2026, 5, 15, 15, 0, 0);
let sim: RunningSimulator;
let token: string;

beforeAll(async () => {
  sim = await startSim({ tickets: 1200, now: NOW });
  sim.setFaults({ rateLimit: null });
  token = await accessToken(sim);
});

afterAll(async () => {
  await sim.close();
});

/** Local (UTC-03:00) `YYYY-MM-DD HH:MM:SS` of a UTC instant. */
function localNaive(ms: number): string {
  return new Date(ms - 3 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

describe('/atendimento/todos', () => {
  it('pages from 0 with paginacao totals, and the pages add up to every ticket once', async () => {
    const first = await api(sim, token, 'atendimento/todos?pagina=0&itens_por_pagina=500');
    expect(first.body.status).toBe('success');
    expect(first.body.paginacao).toEqual({
      primeira_pagina: 0,
      ultima_pagina: 2,
      pagina_atual: 0,
      total_registros: 1200,
    });
    const ids = new Set<unknown>();
    for (let page = 0; page <= 2; page += 1) {
      const { body } = await api(
        sim,
        token,
        `atendimento/todos?pagina=${page}&itens_por_pagina=500`,
      );
      for (const row of rowsOf(body)) ids.add(row.id_atendimento);
    }
    expect(ids.size).toBe(1200);
    const past = await api(sim, token, 'atendimento/todos?pagina=3&itens_por_pagina=500');
    expect(rowsOf(past.body)).toEqual([]);
  });

  it('uses 20 items per page by default and refuses more than 500', async () => {
    const { body } = await api(sim, token, 'atendimento/todos');
    expect(rowsOf(body)).toHaveLength(20);
    const tooMany = await api(sim, token, 'atendimento/todos?itens_por_pagina=501');
    expect(tooMany.status).toBe(200);
    expect(tooMany.body.status).toBe('error');
    expect(Array.isArray(tooMany.body.errors)).toBe(true);
  });

  it('answers model rows with nested objects but without the opening description', async () => {
    const { body } = await api(
      sim,
      token,
      'atendimento/todos?itens_por_pagina=200&relacoes=cliente_servico,usuarios_responsaveis',
    );
    for (const row of rowsOf(body)) {
      expect(row).not.toHaveProperty('descricao_abertura');
      expect(row.status).toMatchObject({ prefixo: expect.any(String) });
      expect(row.tipo_atendimento).toMatchObject({ descricao: expect.any(String) });
      expect(row.cliente_servico).toMatchObject({ id_cliente_servico: row.id_cliente_servico });
      expect(Array.isArray(row.usuarios_responsaveis)).toBe(true);
      expect(row).not.toHaveProperty('atendimento_mensagem');
      expect(row.protocolo).toMatch(/^(\d{15}|\d{20})$/);
      expect(row.data_cadastro).toBe(localNaive(row.data_cadastro_timestamp as number));
    }
  });

  it('answers without any relation when relacoes is not given', async () => {
    const { body } = await api(sim, token, 'atendimento/todos?itens_por_pagina=100');
    const rows = rowsOf(body);
    expect(rows).toHaveLength(100);
    for (const row of rows) {
      expect(row).not.toHaveProperty('cliente_servico');
      expect(row).not.toHaveProperty('usuarios_responsaveis');
      expect(row).not.toHaveProperty('atendimento_mensagem');
      expect(row.status).toMatchObject({ prefixo: expect.any(String) });
    }
  });

  it('includes each relation only when relacoes names it, ignoring names it does not know', async () => {
    const { body } = await api(
      sim,
      token,
      'atendimento/todos?itens_por_pagina=50&relacoes=usuario_abertura, usuarios_responsaveis,tipo_atendimento',
    );
    const rows = rowsOf(body);
    expect(rows).toHaveLength(50);
    for (const row of rows) {
      expect(Array.isArray(row.usuarios_responsaveis)).toBe(true);
      expect(row).not.toHaveProperty('cliente_servico');
      expect(row).not.toHaveProperty('atendimento_mensagem');
      expect(row).not.toHaveProperty('usuario_abertura');
    }
    const paginado = await api(
      sim,
      token,
      'atendimento/paginado/20?page=1&data_inicio=2026-01-01&data_fim=2026-12-31&relacoes=cliente_servico',
    );
    for (const row of (paginado.body.atendimentos as JsonObject).data as JsonObject[]) {
      expect(row.cliente_servico).toMatchObject({ id_cliente_servico: row.id_cliente_servico });
      expect(row).not.toHaveProperty('usuarios_responsaveis');
    }
  });

  it('includes messages only when relacoes asks for atendimento_mensagem', async () => {
    const { body } = await api(
      sim,
      token,
      'atendimento/todos?itens_por_pagina=50&relacoes=atendimento_mensagem,cliente_servico',
    );
    const rows = rowsOf(body);
    expect(rows.every((row) => Array.isArray(row.atendimento_mensagem))).toBe(true);
    expect(rows.some((row) => (row.atendimento_mensagem as unknown[]).length > 0)).toBe(true);
  });

  it('has both protocol lengths, drafts, trailing spaces and null primary responsibles', async () => {
    const { body } = await api(
      sim,
      token,
      'atendimento/todos?itens_por_pagina=500&relacoes=cliente_servico,usuarios_responsaveis',
    );
    const rows = rowsOf(body);
    const protocolLengths = new Set(rows.map((row) => String(row.protocolo).length));
    expect(protocolLengths).toEqual(new Set([15, 20]));
    expect(rows.some((row) => row.rascunho === true)).toBe(true);
    expect(
      rows.some(
        (row) =>
          row.id_usuario_responsavel === null &&
          (row.usuarios_responsaveis as unknown[]).length > 1,
      ),
    ).toBe(true);
    const names = rows.flatMap((row) => [
      String(((row.cliente_servico as JsonObject).cliente as JsonObject).nome_razaosocial),
      ...(row.usuarios_responsaveis as JsonObject[]).map((user) => String(user.name)),
    ]);
    expect(names.some((name) => name.endsWith(' '))).toBe(true);
  });

  it('filters by opening date in local time, inclusive of the last day', async () => {
    const everything: JsonObject[] = [];
    for (let page = 0; page <= 2; page += 1) {
      const { body } = await api(
        sim,
        token,
        `atendimento/todos?pagina=${page}&itens_por_pagina=500`,
      );
      everything.push(...rowsOf(body));
    }
    const expected = everything
      .filter((row) => {
        const day = String(row.data_cadastro).slice(0, 10);
        return day >= '2026-05-01' && day <= '2026-05-10';
      })
      .map((row) => row.id_atendimento);
    expect(expected.length).toBeGreaterThan(0);
    const { body } = await api(
      sim,
      token,
      'atendimento/todos?itens_por_pagina=500&data_inicio=2026-05-01&data_fim=2026-05-10',
    );
    expect(rowsOf(body).map((row) => row.id_atendimento)).toEqual(expected);
    expect((body.paginacao as JsonObject).total_registros).toBe(expected.length);
  });

  it('filters by closing date with tipo_data=data_fechamento', async () => {
    const { body } = await api(
      sim,
      token,
      'atendimento/todos?itens_por_pagina=500&tipo_data=data_fechamento&data_inicio=2026-06-01&data_fim=2026-06-15',
    );
    const rows = rowsOf(body);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const day = String(row.data_fechamento).slice(0, 10);
      expect(day >= '2026-06-01' && day <= '2026-06-15').toBe(true);
    }
  });

  it('filters by status and type ids, one or several', async () => {
    const { body } = await api(
      sim,
      token,
      'atendimento/todos?itens_por_pagina=500&status=23,24&tipo=132',
    );
    const rows = rowsOf(body);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect([23, 24]).toContain(row.id_atendimento_status);
      expect(row.id_tipo_atendimento).toBe(132);
    }
  });

  it("filters by id_servico, the plan of the ticket's customer service", async () => {
    const { body } = await api(
      sim,
      token,
      'atendimento/todos?itens_por_pagina=500&id_servico=2735&relacoes=cliente_servico',
    );
    const rows = rowsOf(body);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect((row.cliente_servico as JsonObject).id_servico).toBe(2735);
  });

  it('refuses an end date before the start date with status error', async () => {
    const { body } = await api(
      sim,
      token,
      'atendimento/todos?data_inicio=2026-05-10&data_fim=2026-05-01',
    );
    expect(body.status).toBe('error');
    expect(typeof body.msg).toBe('string');
  });
});

describe('/atendimento/paginado/:n', () => {
  const range = 'data_inicio=2026-01-01&data_fim=2026-12-31';

  it('is a 1-based Laravel paginator reached by GET with page', async () => {
    const { body } = await api(sim, token, `atendimento/paginado/100?page=2&${range}`);
    const pager = body.atendimentos as JsonObject;
    expect(body.cliente).toBeNull();
    expect(pager).toMatchObject({
      current_page: 2,
      last_page: 12,
      per_page: 100,
      total: 1200,
      from: 101,
      to: 200,
    });
    expect(String(pager.next_page_url)).toContain('page=3');
    expect(String(pager.prev_page_url)).toContain('page=1');
    expect(pager.data as unknown[]).toHaveLength(100);
    expect((pager.data as JsonObject[])[0]).not.toHaveProperty('descricao_abertura');
  });

  it('is reached by POST with pagina in the body, and the last page has no next', async () => {
    const { body } = await api(sim, token, 'atendimento/paginado/500', {
      method: 'POST',
      body: { pagina: 3, data_inicio: '2026-01-01', data_fim: '2026-12-31' },
    });
    const pager = body.atendimentos as JsonObject;
    expect(pager.current_page).toBe(3);
    expect(pager.data as unknown[]).toHaveLength(200);
    expect(pager.next_page_url).toBeNull();
  });

  it('treats page 0 as the first page, as Laravel does', async () => {
    const { body } = await api(sim, token, `atendimento/paginado/10?pagina=0&${range}`);
    expect((body.atendimentos as JsonObject).current_page).toBe(1);
  });

  it('requires data_inicio and data_fim', async () => {
    const { status, body } = await api(sim, token, 'atendimento/paginado/10?page=1');
    expect(status).toBe(200);
    expect(body.status).toBe('error');
    expect(body.errors).toContain('O campo data inicio é obrigatório.');
  });
});

describe('a deleted ticket', () => {
  it('leaves both lists, and its detail answers 200 status error "não encontrado"', async () => {
    const own = await startSim({ tickets: 120, now: NOW });
    try {
      own.setFaults({ rateLimit: null });
      const ownToken = await accessToken(own);
      const before = rowsOf(
        (await api(own, ownToken, 'atendimento/todos?itens_por_pagina=500')).body,
      );
      const victim = before[7];
      if (!victim) throw new Error('no ticket to delete');
      const protocol = String(victim.protocolo);

      const deleted = await postJson(`${own.url}/__sim/delete`, { protocol });
      expect(deleted.status).toBe(200);

      const todos = await api(own, ownToken, 'atendimento/todos?itens_por_pagina=500');
      expect(rowsOf(todos.body).map((row) => row.id_atendimento)).toEqual(
        before.filter((row) => row !== victim).map((row) => row.id_atendimento),
      );
      expect((todos.body.paginacao as JsonObject).total_registros).toBe(119);
      const paginado = await api(
        own,
        ownToken,
        'atendimento/paginado/500?page=1&data_inicio=2020-01-01&data_fim=2030-12-31',
      );
      const paged = (paginado.body.atendimentos as JsonObject).data as JsonObject[];
      expect(paged.some((row) => row.protocolo === protocol)).toBe(false);

      const detail = await api(
        own,
        ownToken,
        `cliente/atendimento?busca=protocolo&termo_busca=${protocol}&apenas_pendente=nao`,
      );
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({ status: 'error', msg: 'Atendimento não encontrado' });
      expect(own.state({ protocol })).toEqual([]);

      const again = await postJson(`${own.url}/__sim/delete`, { protocol });
      expect(again.status).toBe(404);
    } finally {
      await own.close();
    }
  });
});

describe('routing', () => {
  it('answers unknown routes with 404', async () => {
    const { status } = await api(sim, token, 'atendimento/inexistente/rota');
    expect(status).toBe(404);
  });
});
