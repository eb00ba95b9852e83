/**
 * The simulator's detail, create and message answers are as strict as real servers (facts 23,
 * 29, 37, 46): a client that assumed a time, a draft flag or a string date there fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../main/sim/server';
import {
  accessToken,
  api,
  findTicket,
  postJson,
  rowsOf,
  startSim,
  type JsonObject,
} from './sim-client';

let sim: RunningSimulator;
let token: string;
let serviceId: number;

beforeAll(async () => {
  sim = await startSim({ tickets: 300 });
  sim.setFaults({ rateLimit: null });
  token = await accessToken(sim);
  const { body } = await api(sim, token, 'cliente?busca=codigo_cliente&termo_busca=1005');
  const customer = (body.clientes as JsonObject[])[0] as JsonObject;
  serviceId = Number((customer.servicos as JsonObject[])[0]?.id_cliente_servico);
});

afterAll(async () => {
  await sim.close();
});

async function detail(protocol: string): Promise<JsonObject> {
  const { body } = await api(
    sim,
    token,
    `cliente/atendimento?busca=protocolo&termo_busca=${protocol}&apenas_pendente=nao&relacoes=atendimento_mensagem`,
  );
  return rowsOf(body)[0] as JsonObject;
}

async function create(): Promise<JsonObject> {
  const { body } = await api(sim, token, 'atendimento', {
    method: 'POST',
    body: {
      id_cliente_servico: serviceId,
      descricao: 'Sem sinal desde ontem',
      nome: 'Ana Souza',
      telefone: '37991234567',
    },
  });
  return body.atendimento as JsonObject;
}

const dayOnly = /^\d{2}\/\d{2}\/\d{4}$/;
const exactTimeKeys = [
  'data_cadastro_br',
  'data_cadastro_timestamp',
  'data_fechamento_br',
  'data_fechamento_timestamp',
];

describe('the detail and create answers give dates as days, with nothing more precise beside', () => {
  it("answers a closed ticket's detail with dd/mm/yyyy opening and closing dates only", async () => {
    const row = await findTicket(sim, token, (r) => r.data_fechamento !== null);
    const shown = await detail(String(row.protocolo));
    expect(shown.data_cadastro).toMatch(dayOnly);
    expect(shown.data_fechamento).toMatch(dayOnly);
    for (const key of exactTimeKeys) expect(shown).not.toHaveProperty(key);
  });

  it('answers the detail without deleted_at and with rascunho null, even for a draft', async () => {
    const row = await findTicket(sim, token, (r) => r.rascunho === true);
    const shown = await detail(String(row.protocolo));
    expect(shown).not.toHaveProperty('deleted_at');
    expect(shown.rascunho).toBeNull();
  });

  it('answers a create with a dd/mm/yyyy opening date only', async () => {
    const created = await create();
    expect(created.data_cadastro).toMatch(dayOnly);
    expect(created.data_fechamento).toBeNull();
    for (const key of exactTimeKeys) expect(created).not.toHaveProperty(key);
  });
});

describe("adicionar_mensagem answers exactly fact 29's shape", () => {
  it('gives the message with a PHP DateTime, the API user as author and the ticket as raw model', async () => {
    const ticket = await create();
    const { body } = await api(
      sim,
      token,
      `atendimento/adicionar_mensagem/${ticket.id_atendimento}`,
      {
        method: 'POST',
        body: { mensagem: 'Técnico a caminho.' },
      },
    );
    expect(body.msg).toBe('Mensagem Adicionada com sucesso');
    const message = body.atendimento_mensagem as JsonObject;
    expect(Object.keys(message).sort()).toEqual(
      [
        'id_atendimento',
        'id_usuario',
        'mensagem',
        'data_cadastro',
        'ip_cadastro',
        'ativo',
        'id_atendimento_mensagem',
        'data_cadastro_br',
        'data_cadastro_timestamp',
        'atendimento',
      ].sort(),
    );
    expect(message).toMatchObject({
      id_atendimento: Number(ticket.id_atendimento),
      id_usuario: 4903,
      mensagem: 'Técnico a caminho.',
      data_cadastro: { timezone_type: 3, timezone: expect.any(String) },
      data_cadastro_br: expect.stringMatching(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/),
      data_cadastro_timestamp: expect.any(Number),
    });
    const attached = message.atendimento as JsonObject;
    expect(attached.protocolo).toBe(ticket.protocolo);
    expect(attached).not.toHaveProperty('status');
    expect(attached).not.toHaveProperty('tipo_atendimento');
  });
});

describe('an unhandled exception answered with HTTP 200 (fact 14)', () => {
  it('answers debugErrorRate with HTTP 200, status error and Laravel debug fields, and does nothing', async () => {
    const ticket = await create();
    await postJson(`${sim.url}/__sim/faults`, { debugErrorRate: 1, rateLimit: null });
    const failed = await api(
      sim,
      token,
      `atendimento/adicionar_mensagem/${ticket.id_atendimento}`,
      {
        method: 'POST',
        body: { mensagem: 'Não deve ficar' },
      },
    );
    await postJson(`${sim.url}/__sim/faults`, { rateLimit: null });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({
      status: 'error',
      file: expect.any(String),
      line: expect.any(Number),
      trace: expect.any(Array),
    });
    const shown = await detail(String(ticket.protocolo));
    expect(shown.atendimento_mensagem).toEqual([]);
  });
});
