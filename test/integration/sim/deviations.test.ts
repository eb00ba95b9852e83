/**
 * The simulator playing a deviating tenant (POST /__sim/deviations), seen over raw HTTP: each
 * deviation changes what the wire carries, and `{}` brings back the server the facts describe.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../main/sim/server';
import { accessToken, api, startSim, type JsonObject } from './sim-client';

let sim: RunningSimulator;
let token: string;

beforeAll(async () => {
  sim = await startSim({ tickets: 60 });
  sim.setFaults({ rateLimit: null });
  token = await accessToken(sim);
});
afterEach(() => {
  sim.setDeviations({});
});
afterAll(async () => {
  await sim.close();
});

const window = 'data_inicio=2000-01-01&data_fim=2100-01-01';
const relations = 'relacoes=cliente_servico,usuarios_responsaveis,atendimento_mensagem';

async function firstTodosRow(): Promise<{ body: JsonObject; row: JsonObject }> {
  const { body } = await api(
    sim,
    token,
    `atendimento/todos?pagina=0&itens_por_pagina=3&${relations}`,
  );
  return { body, row: (body.atendimentos as JsonObject[])[0] as JsonObject };
}

describe('simulator deviations', () => {
  it('answer as the facts say when none is set', async () => {
    const { body, row } = await firstTodosRow();
    expect(body.status).toBe('success');
    expect(typeof row.id_atendimento).toBe('number');
    expect(row).toHaveProperty('cliente_servico');
    const periods = (await api(sim, token, 'configuracao/disponibilidade')).body;
    expect((periods.periodos as JsonObject[])[0]).toHaveProperty('id_periodo_dia');
  });

  it('spell success the legacy way, and send ids as strings', async () => {
    sim.setDeviations({ legacySuscess: true, stringIds: true });
    const { body, row } = await firstTodosRow();
    expect(body.status).toBe('suscess');
    expect(row.id_atendimento).toMatch(/^\d+$/);
  });

  it('drop the relations asked for from list rows', async () => {
    sim.setDeviations({ dropRelations: ['cliente_servico'] });
    const { row } = await firstTodosRow();
    expect(row).not.toHaveProperty('cliente_servico');
    expect(row).toHaveProperty('usuarios_responsaveis');
  });

  it("make paginado read only Laravel's page", async () => {
    sim.setDeviations({ paginadoIgnoresPagina: true });
    const byPagina = (await api(sim, token, `atendimento/paginado/2?pagina=2&${window}`)).body;
    expect((byPagina.atendimentos as JsonObject).current_page).toBe(1);
    const byPage = (await api(sim, token, `atendimento/paginado/2?page=2&${window}`)).body;
    expect((byPage.atendimentos as JsonObject).current_page).toBe(2);
  });

  it('key periods by id_disponibilidade', async () => {
    sim.setDeviations({ periodsLegacyKey: true });
    const periods = (await api(sim, token, 'configuracao/disponibilidade')).body;
    const first = (periods.periodos as JsonObject[])[0] as JsonObject;
    expect(first).toHaveProperty('id_disponibilidade');
    expect(first).not.toHaveProperty('id_periodo_dia');
  });

  it('refuse an unknown deviation over the admin API', async () => {
    const answer = await fetch(`${sim.url}/__sim/deviations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ everythingWrong: true }),
    });
    expect(answer.status).toBe(400);
  });
});
