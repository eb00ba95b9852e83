import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../main/sim/server';
import { accessToken, api, startSim, type JsonObject } from './sim-client';

let sim: RunningSimulator;
let token: string;

beforeAll(async () => {
  sim = await startSim({ tickets: 600 });
  sim.setFaults({ rateLimit: null });
  token = await accessToken(sim);
});

afterAll(async () => {
  await sim.close();
});

async function search(query: string): Promise<JsonObject> {
  return (await api(sim, token, `cliente?${query}`)).body;
}

describe('customer search', () => {
  it('finds a customer by code, then by the same CPF/CNPJ, phone and name', async () => {
    const byCode = await search('busca=codigo_cliente&termo_busca=1010');
    expect(byCode.status).toBe('success');
    const customer = (byCode.clientes as JsonObject[])[0] as JsonObject;
    expect(customer.codigo_cliente).toBe(1010);
    const services = customer.servicos as JsonObject[];
    expect(services.length).toBeGreaterThan(0);
    expect(typeof services[0]?.id_cliente_servico).toBe('number');

    const byDocument = await search(`busca=cpf_cnpj&termo_busca=${customer.cpf_cnpj}`);
    expect((byDocument.clientes as JsonObject[]).map((c) => c.id_cliente)).toEqual([
      customer.id_cliente,
    ]);
    const byPhone = await search(`busca=telefone&termo_busca=${customer.telefone_primario}`);
    expect((byPhone.clientes as JsonObject[]).map((c) => c.id_cliente)).toContain(
      customer.id_cliente,
    );
    const firstName = String(customer.nome_razaosocial).split(' ')[0] ?? '';
    const byName = await search(
      `busca=nome_razaosocial&termo_busca=${encodeURIComponent(firstName.toLowerCase())}&limit=100`,
    );
    expect((byName.clientes as JsonObject[]).map((c) => c.id_cliente)).toContain(
      customer.id_cliente,
    );
  });

  it('keeps to limit and refuses a limit outside 1..100 or a flag that is not sim/nao', async () => {
    const limited = await search('busca=nome_razaosocial&termo_busca=a&limit=3');
    expect(limited.clientes as unknown[]).toHaveLength(3);
    for (const query of [
      'busca=nome_razaosocial&termo_busca=a&limit=0',
      'busca=nome_razaosocial&termo_busca=a&limit=101',
      'busca=nome_razaosocial&termo_busca=a&cancelado=talvez',
      'busca=email&termo_busca=a',
    ]) {
      const body = await search(query);
      expect(body.status, query).toBe('error');
      expect((body.errors as unknown[]).length, query).toBeGreaterThan(0);
    }
  });

  it('answers status error when nobody matches', async () => {
    const body = await search('busca=cpf_cnpj&termo_busca=00000000000');
    expect(body.status).toBe('error');
  });

  it("lists a customer's tickets by code, pending only unless told otherwise", async () => {
    const all = await api(
      sim,
      token,
      'cliente/atendimento?busca=codigo_cliente&termo_busca=1003&apenas_pendente=nao&limit=50',
    );
    const pending = await api(
      sim,
      token,
      'cliente/atendimento?busca=codigo_cliente&termo_busca=1003&limit=50',
    );
    const allRows = all.body.atendimentos as JsonObject[];
    const pendingRows = pending.body.atendimentos as JsonObject[];
    expect(allRows.length).toBeGreaterThan(0);
    expect(pendingRows.every((row) => row.data_fechamento === null)).toBe(true);
    expect(pendingRows.length).toBe(allRows.filter((row) => row.data_fechamento === null).length);
    expect(allRows.every((row) => (row.cliente as JsonObject).codigo_cliente === 1003)).toBe(true);
  });
});

describe('configuration lists', () => {
  const lists: [string, string][] = [
    ['tipo_atendimento', 'tipos_atendimento'],
    ['status_atendimento', 'status_atendimento'],
    ['motivo_fechamento_atendimento', 'motivos_fechamento'],
    ['origem_contato', 'origem_contatos'],
    ['disponibilidade', 'periodos'],
    ['tipo_ordem_servico', 'tipo_ordem_servicos'],
    ['tecnico', 'tecnicos'],
  ];

  it.each(lists)('configuracao/%s answers its items under %s', async (path, key) => {
    const { body } = await api(sim, token, `configuracao/${path}`);
    expect(body.status).toBe('success');
    expect((body[key] as unknown[]).length).toBeGreaterThan(0);
  });

  it('lists technicians as {id, name}', async () => {
    const { body } = await api(sim, token, 'configuracao/tecnico');
    for (const technician of body.tecnicos as JsonObject[]) {
      expect(Object.keys(technician).sort()).toEqual(['id', 'name']);
    }
  });
});
