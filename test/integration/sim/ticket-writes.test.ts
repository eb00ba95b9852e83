import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
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
  sim = await startSim({ tickets: 400 });
  sim.setFaults({ rateLimit: null });
  token = await accessToken(sim);
  const { body } = await api(sim, token, 'cliente?busca=codigo_cliente&termo_busca=1005');
  const customer = (body.clientes as JsonObject[])[0] as JsonObject;
  serviceId = Number((customer.servicos as JsonObject[])[0]?.id_cliente_servico);
});

afterAll(async () => {
  await sim.close();
});

async function create(extra: JsonObject = {}): Promise<JsonObject> {
  const { body } = await api(sim, token, 'atendimento', {
    method: 'POST',
    body: {
      id_cliente_servico: serviceId,
      descricao: 'Cliente sem conexão desde a manhã',
      nome: 'João Silva',
      telefone: '37991234567',
      ...extra,
    },
  });
  expect(body.status).toBe('success');
  return body.atendimento as JsonObject;
}

async function detail(protocol: string): Promise<JsonObject> {
  const { body } = await api(
    sim,
    token,
    `cliente/atendimento?busca=protocolo&termo_busca=${protocol}&apenas_pendente=nao&relacoes=atendimento_mensagem`,
  );
  expect(body.status).toBe('success');
  const rows = rowsOf(body);
  expect(rows).toHaveLength(1);
  return rows[0] as JsonObject;
}

describe('ticket detail', () => {
  it('gives the opening description, messages and orders in the presentation shape', async () => {
    const row = await findTicket(sim, token, (r) => r.ordem_servico_count === 1);
    const ticket = await detail(String(row.protocolo));
    expect(Number(ticket.id_atendimento)).toBe(row.id_atendimento);
    expect(typeof ticket.descricao_abertura).toBe('string');
    expect(ticket.data_cadastro).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(typeof ticket.tipo_atendimento).toBe('string');
    expect(typeof ticket.status).toBe('string');
    expect(ticket.ordens_servico as unknown[]).toHaveLength(1);
    expect(Array.isArray(ticket.atendimento_mensagem)).toBe(true);
  });

  it('answers some ids as strings and leaves servico out of some rows', async () => {
    const { body } = await api(sim, token, 'atendimento/todos?itens_por_pagina=200');
    const details = await Promise.all(rowsOf(body).map((row) => detail(String(row.protocolo))));
    expect(details.some((ticket) => typeof ticket.id_atendimento === 'string')).toBe(true);
    expect(details.some((ticket) => !('servico' in ticket))).toBe(true);
    const withService = details.find((ticket) => 'servico' in ticket) as JsonObject;
    expect(typeof (withService.servico as JsonObject).id_cliente_servico).toBe('string');
  });
});

describe('create, message and close', () => {
  it('creates a ticket answered in the presentation shape with a protocol to note', async () => {
    const ticket = await create();
    expect(String(ticket.protocolo)).toMatch(/^\d{20}$/);
    expect(ticket.status).toBe('Aguardando Análise');
    expect(ticket.tipo_atendimento).toBe('SAC');
    expect(String(ticket.descricao_abertura)).toContain('Cliente sem conexão desde a manhã');
    const stored = sim.state({ protocol: String(ticket.protocolo) });
    expect(stored).toHaveLength(1);
  });

  it('refuses a create without description, with the field in errors', async () => {
    const { status, body } = await api(sim, token, 'atendimento', {
      method: 'POST',
      body: { id_cliente_servico: serviceId, nome: 'Ana', telefone: '37991234567' },
    });
    expect(status).toBe(200);
    expect(body.status).toBe('error');
    expect(body.errors).toContain('O campo descricao é obrigatório.');
  });

  it('refuses a telefone with punctuation with a 200 status:error validation body', async () => {
    const { status, body } = await api(sim, token, 'atendimento', {
      method: 'POST',
      body: {
        id_cliente_servico: serviceId,
        descricao: 'Sem sinal',
        nome: 'Ana',
        telefone: '(37) 99123-4567',
      },
    });
    expect(status).toBe(200);
    expect(body.status).toBe('error');
    expect(body.errors).toContain('O campo telefone é inválido.');
  });

  it('adds a message whose data_cadastro is a PHP date object', async () => {
    const ticket = await create();
    const { body } = await api(
      sim,
      token,
      `atendimento/adicionar_mensagem/${ticket.id_atendimento}`,
      {
        method: 'POST',
        body: { mensagem: 'Reiniciei a ONU remotamente.' },
      },
    );
    expect(body.status).toBe('success');
    const message = body.atendimento_mensagem as JsonObject;
    expect(message.data_cadastro).toMatchObject({
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/),
      timezone_type: 3,
      timezone: 'America/Sao_Paulo',
    });
    const shown = await detail(String(ticket.protocolo));
    expect((shown.atendimento_mensagem as JsonObject[]).map((m) => m.mensagem)).toEqual([
      'Reiniciei a ONU remotamente.',
    ]);
  });

  it('lets another agent write on a ticket through the admin API, shown with no author like any message', async () => {
    const ticket = await create();
    const protocol = String(ticket.protocolo);
    await api(sim, token, `atendimento/adicionar_mensagem/${ticket.id_atendimento}`, {
      method: 'POST',
      body: { mensagem: 'Resposta enviada pela API.' },
    });
    const written = await postJson(`${sim.url}/__sim/message`, {
      protocol,
      text: 'Cliente ligou: a internet voltou.',
    });
    expect(written.status).toBe(200);

    const shown = (await detail(protocol)).atendimento_mensagem as JsonObject[];
    expect(shown.map((m) => m.mensagem)).toEqual([
      'Resposta enviada pela API.',
      'Cliente ligou: a internet voltou.',
    ]);
    // Fact 35: reads name no author; the stored record says who wrote what.
    expect(shown.every((m) => !('id_usuario' in m))).toBe(true);
    expect(Number(shown[1]?.id_atendimento_mensagem)).toBe(written.body.id);
    const [record] = sim.state({ protocol });
    expect(record?.messages.map((m) => m.userId)).toEqual([4903, 56]);

    const unknown = await postJson(`${sim.url}/__sim/message`, {
      protocol: '20990101000000000000',
      text: 'Ninguém recebe',
    });
    expect(unknown.status).toBe(404);
    const empty = await postJson(`${sim.url}/__sim/message`, { protocol, text: '' });
    expect(empty.status).toBe(400);
  });

  it('edits status and type with PUT, answering the raw model without nested objects', async () => {
    const ticket = await create();
    const { body } = await api(sim, token, `atendimento/${ticket.id_atendimento}`, {
      method: 'PUT',
      body: { fechar_atendimento: false, id_atendimento_status: 25, id_tipo_atendimento: 134 },
    });
    expect(body.status).toBe('success');
    const model = body.atendimento as JsonObject;
    expect(model).toMatchObject({ id_atendimento_status: 25, id_tipo_atendimento: 134 });
    expect(Object.values(model).some((value) => typeof value === 'object' && value !== null)).toBe(
      false,
    );
    const list = await api(sim, token, 'atendimento/todos?itens_por_pagina=500&status=25&tipo=134');
    expect(rowsOf(list.body).map((row) => row.id_atendimento)).toContain(
      Number(ticket.id_atendimento),
    );
  });

  it('refuses to change status or type in the same PUT that closes', async () => {
    const ticket = await create();
    for (const change of [{ id_atendimento_status: 25 }, { id_tipo_atendimento: 134 }]) {
      const { status, body } = await api(sim, token, `atendimento/${ticket.id_atendimento}`, {
        method: 'PUT',
        body: { fechar_atendimento: true, ...change },
      });
      expect(status).toBe(200);
      expect(body.status).toBe('error');
    }
    expect((await detail(String(ticket.protocolo))).data_fechamento).toBeNull();
  });

  it('closes a ticket and its service orders, and then refuses messages to it', async () => {
    const ticket = await create({ abrir_os: true });
    expect(ticket.status).toBe('Pendente');
    expect((ticket.ordens_servico as JsonObject[])[0]?.status).toBe('aguardando_agendamento');
    const closed = await api(sim, token, `atendimento/${ticket.id_atendimento}`, {
      method: 'PUT',
      body: {
        fechar_atendimento: true,
        parametros_fechamento: {
          id_motivo_fechamento_atendimento: 108,
          descricao_fechamento: 'Resolvido',
          status_fechamento: 'concluido',
        },
      },
    });
    expect(closed.body.status).toBe('success');
    const model = closed.body.atendimento as JsonObject;
    expect(model.data_fechamento).toEqual(expect.any(String));
    expect(model.data_fechamento_timestamp).toEqual(expect.any(Number));
    expect(model.id_motivo_fechamento_atendimento).toBe(108);
    const shown = await detail(String(ticket.protocolo));
    expect((shown.ordens_servico as JsonObject[])[0]?.status).toBe('finalizado');

    const message = await api(
      sim,
      token,
      `atendimento/adicionar_mensagem/${ticket.id_atendimento}`,
      {
        method: 'POST',
        body: { mensagem: 'Ainda está aí?' },
      },
    );
    expect(message.status).toBe(200);
    expect(message.body.status).toBe('error');
    const again = await api(sim, token, `atendimento/${ticket.id_atendimento}`, {
      method: 'PUT',
      body: { fechar_atendimento: true },
    });
    expect(again.body.status).toBe('error');
  });

  it('closes with a form-encoded PUT whose closing parameters use PHP brackets', async () => {
    const ticket = await create();
    const response = await fetch(
      `${sim.url}/api/v1/integracao/atendimento/${ticket.id_atendimento}`,
      {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'fechar_atendimento=true&parametros_fechamento[id_motivo_fechamento_atendimento]=103&parametros_fechamento[descricao_fechamento]=Visita%20feita',
      },
    );
    const body = (await response.json()) as JsonObject;
    expect(body.status).toBe('success');
    expect(body.atendimento).toMatchObject({
      id_motivo_fechamento_atendimento: 103,
      descricao_fechamento: 'Visita feita',
    });
  });

  it('ignores the service-order key id_motivo_fechamento and closes with the default reason', async () => {
    const ticket = await create();
    const { body } = await api(sim, token, `atendimento/${ticket.id_atendimento}`, {
      method: 'PUT',
      body: { fechar_atendimento: true, parametros_fechamento: { id_motivo_fechamento: 108 } },
    });
    expect(body.status).toBe('success');
    expect((body.atendimento as JsonObject).id_motivo_fechamento_atendimento).toBe(5);
  });

  it('refuses a status_fechamento other than concluido or sem_conclusao', async () => {
    const ticket = await create();
    const { status, body } = await api(sim, token, `atendimento/${ticket.id_atendimento}`, {
      method: 'PUT',
      body: {
        fechar_atendimento: true,
        parametros_fechamento: {
          id_motivo_fechamento_atendimento: 101,
          status_fechamento: 'resolvido',
        },
      },
    });
    expect(status).toBe(200);
    expect(body.status).toBe('error');
    const sent = await api(sim, token, `atendimento/${ticket.id_atendimento}`, {
      method: 'PUT',
      body: {
        fechar_atendimento: true,
        parametros_fechamento: {
          id_motivo_fechamento_atendimento: 101,
          status_fechamento: 'sem_conclusao',
        },
      },
    });
    expect(sent.body.atendimento).toMatchObject({
      id_motivo_fechamento_atendimento: 101,
      status_fechamento: 'sem_conclusao',
    });
  });

  it('fails the close with a non-2xx when a service order is in execution', async () => {
    const ticket = await create({
      abrir_os: true,
      parametros_ordem_servico: [{ id_tipo_ordem_servico: 16, status: 'em_execucao' }],
    });
    const { status, body } = await api(sim, token, `atendimento/${ticket.id_atendimento}`, {
      method: 'PUT',
      body: { fechar_atendimento: true },
    });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(body.status).toBe('error');
    expect(String(body.msg)).toContain('em execução');
    expect((await detail(String(ticket.protocolo))).data_fechamento).toBeNull();
  });

  it('answers an unknown ticket with status error and debug fields', async () => {
    const { status, body } = await api(sim, token, 'atendimento/adicionar_mensagem/999999', {
      method: 'POST',
      body: { mensagem: 'olá' },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'error',
      file: expect.any(String),
      line: expect.any(Number),
    });
  });
});

describe('attachments', () => {
  it('receives files[i] as multipart, keeps their size and hash, and counts them', async () => {
    const ticket = await create();
    const first = Buffer.from('speedtest: 287 Mbps');
    const second = Buffer.alloc(300_000, 7);
    const form = new FormData();
    form.append('files[0]', new Blob([first], { type: 'text/plain' }), 'speedtest.txt');
    form.append('files[1]', new Blob([second], { type: 'image/png' }), 'foto.png');
    const response = await fetch(
      `${sim.url}/api/v1/integracao/atendimento/adicionar_anexo/${ticket.id_atendimento}`,
      { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form },
    );
    const body = (await response.json()) as JsonObject;
    expect(body).toMatchObject({
      status: 'success',
      atendimento: { id_atendimento: Number(ticket.id_atendimento), protocolo: ticket.protocolo },
    });
    const [stored] = sim.state({ protocol: String(ticket.protocolo) });
    expect(stored?.attachments.map(({ name, size, sha256 }) => ({ name, size, sha256 }))).toEqual([
      {
        name: 'speedtest.txt',
        size: first.length,
        sha256: createHash('sha256').update(first).digest('hex'),
      },
      {
        name: 'foto.png',
        size: second.length,
        sha256: createHash('sha256').update(second).digest('hex'),
      },
    ]);
    // Only `/paginado` rows count attachments (fact 34): not the detail, not `/todos`.
    const [day, month, year] = String(ticket.data_cadastro).split('/');
    const date = `${year}-${month}-${day}`;
    const paginado = await api(
      sim,
      token,
      `atendimento/paginado/500?data_inicio=${date}&data_fim=${date}`,
    );
    const rows = (paginado.body.atendimentos as JsonObject).data as JsonObject[];
    const row = rows.find((r) => r.id_atendimento === Number(ticket.id_atendimento));
    expect(row?.anexos_count).toBe(2);
    expect('anexos_count' in (await detail(String(ticket.protocolo)))).toBe(false);
  });

  it('refuses an upload without files', async () => {
    const ticket = await create();
    const form = new FormData();
    form.append('descricao', 'sem arquivo');
    const response = await fetch(
      `${sim.url}/api/v1/integracao/atendimento/adicionar_anexo/${ticket.id_atendimento}`,
      { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form },
    );
    expect(((await response.json()) as JsonObject).status).toBe('error');
  });
});
