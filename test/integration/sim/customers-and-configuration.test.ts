import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../main/sim/server';
import { hasValidCheckDigits } from '../../../preload/brazil/documents';
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

async function alphanumericCnpjCustomer(): Promise<JsonObject> {
  const companies = await search('busca=nome_razaosocial&termo_busca=LTDA&limit=100');
  const found = (companies.clientes as JsonObject[]).find((customer) =>
    /[A-Z]/.test(String(customer.cpf_cnpj)),
  );
  if (!found) throw new Error('the seed has no company with an alphanumeric CNPJ');
  return found;
}

describe('customer search', () => {
  it('has companies with alphanumeric CNPJs whose check digits are valid', async () => {
    const companies = await search('busca=nome_razaosocial&termo_busca=LTDA&limit=100');
    const documents = (companies.clientes as JsonObject[]).map((c) => String(c.cpf_cnpj));
    const alphanumeric = documents.filter((document) => /[A-Z]/.test(document));
    expect(alphanumeric.length).toBeGreaterThan(0);
    expect(documents.length).toBeGreaterThan(alphanumeric.length);
    for (const document of documents) {
      expect(document).toMatch(/^[0-9A-Z]{12}\d{2}$/);
      expect(hasValidCheckDigits(document)).toBe(true);
    }
  });

  it('finds an alphanumeric CNPJ with or without punctuation, in either case', async () => {
    const customer = await alphanumericCnpjCustomer();
    const document = String(customer.cpf_cnpj);
    const punctuated = document.replace(/^(.{2})(.{3})(.{3})(.{4})(\d{2})$/, '$1.$2.$3/$4-$5');
    for (const term of [document, punctuated, punctuated.toLowerCase()]) {
      const found = await search(`busca=cpf_cnpj&termo_busca=${encodeURIComponent(term)}`);
      expect((found.clientes as JsonObject[]).map((c) => c.id_cliente)).toEqual([
        customer.id_cliente,
      ]);
    }
  });

  it('finds the one customer a service belongs to (fact 38: busca=id_cliente_servico)', async () => {
    const byCode = await search('busca=codigo_cliente&termo_busca=1010');
    const customer = (byCode.clientes as JsonObject[])[0] as JsonObject;
    const service = (customer.servicos as JsonObject[])[0] as JsonObject;
    const byService = await search(
      `busca=id_cliente_servico&termo_busca=${String(service.id_cliente_servico)}`,
    );
    expect((byService.clientes as JsonObject[]).map((c) => c.id_cliente)).toEqual([
      customer.id_cliente,
    ]);
    const none = await search('busca=id_cliente_servico&termo_busca=1');
    expect(none.status).toBe('error');
  });

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
  const lists: [string, string, string[]][] = [
    ['tipo_atendimento', 'tipos_atendimento', ['descricao', 'id_tipo_atendimento']],
    [
      'status_atendimento',
      'status_atendimento',
      ['abrir_ordem_servico', 'descricao', 'display', 'id_atendimento_status', 'prefixo'],
    ],
    [
      'motivo_fechamento_atendimento',
      'motivos_fechamento',
      ['descricao', 'id_motivo_fechamento_atendimento', 'motivos_fechamento_tipo_atendimento'],
    ],
    ['origem_contato', 'origem_contatos', ['descricao', 'id_origem_contato']],
    [
      'disponibilidade',
      'periodos',
      ['descricao', 'hora_fim', 'hora_inicio', 'id_periodo_dia', 'prefixo'],
    ],
    [
      'tipo_ordem_servico',
      'tipo_ordem_servicos',
      ['descricao', 'destino', 'id_tipo_ordem_servico'],
    ],
    ['tecnico', 'tecnicos', ['id', 'name']],
  ];

  it.each(lists)(
    'configuracao/%s answers its items under %s with the keys of the facts table',
    async (path, key, itemKeys) => {
      const { body } = await api(sim, token, `configuracao/${path}`);
      expect(body.status).toBe('success');
      const items = body[key] as JsonObject[];
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) expect(Object.keys(item).sort()).toEqual(itemKeys);
    },
  );

  it('keys availability periods by id_periodo_dia with a manha/tarde/noite prefix', async () => {
    const { body } = await api(sim, token, 'configuracao/disponibilidade');
    const periods = body.periodos as JsonObject[];
    expect(periods.map((period) => period.prefixo)).toEqual(['manha', 'tarde', 'noite']);
    expect(periods.every((period) => typeof period.id_periodo_dia === 'number')).toBe(true);
  });

  it('links closing reasons to ticket types and filters them by id_tipo_atendimento', async () => {
    const everyType = await api(sim, token, 'configuracao/motivo_fechamento_atendimento');
    const reasons = everyType.body.motivos_fechamento as JsonObject[];
    const linked = reasons.find(
      (reason) => (reason.motivos_fechamento_tipo_atendimento as JsonObject[]).length > 0,
    ) as JsonObject;
    const linkedType = (
      linked.motivos_fechamento_tipo_atendimento as JsonObject[]
    )[0] as JsonObject;
    expect(typeof linkedType.descricao).toBe('string');
    const forType = await api(
      sim,
      token,
      `configuracao/motivo_fechamento_atendimento?id_tipo_atendimento=${linkedType.id_tipo_atendimento}`,
    );
    const filtered = forType.body.motivos_fechamento as JsonObject[];
    expect(filtered.map((reason) => reason.id_motivo_fechamento_atendimento)).toContain(
      linked.id_motivo_fechamento_atendimento,
    );
    expect(filtered.length).toBeLessThan(reasons.length);
    expect(
      filtered.every((reason) => {
        const types = reason.motivos_fechamento_tipo_atendimento as JsonObject[];
        return (
          types.length === 0 ||
          types.some((type) => type.id_tipo_atendimento === linkedType.id_tipo_atendimento)
        );
      }),
    ).toBe(true);
  });

  it('lists technicians as {id, name}', async () => {
    const { body } = await api(sim, token, 'configuracao/tecnico');
    for (const technician of body.tecnicos as JsonObject[]) {
      expect(Object.keys(technician).sort()).toEqual(['id', 'name']);
    }
  });
});
