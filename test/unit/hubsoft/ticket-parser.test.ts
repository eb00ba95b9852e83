import { describe, expect, it } from 'vitest';
import { HubsoftError } from '../../../main/hubsoft/errors';
import {
  readSingleTicket,
  readTicketList,
  readZeroBasedPage,
} from '../../../main/hubsoft/parse/payload';
import { fixture, type Json } from './fixtures';

const REQUEST = 'GET /test';

function firstRow(body: Json): Json {
  return (body.atendimentos as Json[])[0] as Json;
}

async function parseFailure(run: () => unknown): Promise<HubsoftError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof HubsoftError) return error;
    throw error;
  }
  throw new Error('expected a parse error');
}

describe('list rows (model shape) become RemoteTicket', () => {
  it('reads the documented /todos example completely', async () => {
    const page = await readZeroBasedPage(fixture('todos-page'), REQUEST, 0);
    expect(page).toMatchObject({ page: 0, lastPage: 38, total: 39 });
    const ticket = page.tickets[0];
    expect(ticket).toMatchObject({
      id: 5448,
      protocol: '20221229180833379797',
      openedAt: '2022-12-29T21:08:33.000Z',
      closedAt: null,
      statusId: 23,
      status: { id: 23, prefix: 'aguardando_analise', label: 'Aguardando Análise' },
      typeId: 125,
      type: { id: 125, label: 'COMERCIAL' },
      serviceId: 17812,
      service: {
        id: 17812,
        customerId: 24930,
        planName: '(Migracao-TesteMap) COMBO 10 MEGA - RÁDIO',
        address: 'RUA PADRE PAULO, 308 - MAE CHIQUINHA, SANTO ANTÔNIO DO MONTE/MG | CEP: 35560-000',
      },
      customer: { id: 24930, code: 1864, name: 'LAVYNIA' },
      responsibleUserIds: [],
      openedByUserId: 4903,
      description: null,
      draft: false,
      sla: { remaining: '-1023h 46min', percentRemaining: 0 },
      serviceOrders: null,
    });
    expect(ticket?.messages).toEqual([
      { id: 376, ticketId: 5448, text: 'TESTE', createdAt: '2023-02-10T13:55:11.000Z' },
      { id: 375, ticketId: 5448, text: 'TESTE', createdAt: '2023-02-10T13:55:11.000Z' },
    ]);
  });

  it('keeps every field the server sent, untouched, in raw', async () => {
    const body = fixture('todos-page');
    firstRow(body).campo_novo = { qualquer: 'coisa' };
    const ticket = (await readZeroBasedPage(body, REQUEST, 0)).tickets[0];
    expect(ticket?.raw.campo_novo).toEqual({ qualquer: 'coisa' });
    expect(ticket?.raw.percentual_color_class).toBe('white-fg md-red-bg');
    expect(ticket?.raw.status).toEqual(firstRow(fixture('todos-page')).status);
  });

  it('coerces ids sent as strings and trims names with trailing spaces', async () => {
    const body = fixture('todos-page');
    const row = firstRow(body);
    row.id_atendimento = '5448';
    row.id_atendimento_status = '23';
    ((row.cliente_servico as Json).cliente as Json).nome_razaosocial = 'LAVYNIA   ';
    const ticket = (await readZeroBasedPage(body, REQUEST, 0)).tickets[0];
    expect(ticket?.id).toBe(5448);
    expect(ticket?.statusId).toBe(23);
    expect(ticket?.customer?.name).toBe('LAVYNIA');
  });

  it('prefers the UTC timestamp over the naive date when both are present', async () => {
    const body = fixture('todos-page');
    const row = firstRow(body);
    row.data_cadastro = '2022-12-29 18:08:33';
    row.data_cadastro_timestamp = 1672348113500;
    expect((await readZeroBasedPage(body, REQUEST, 0)).tickets[0]?.openedAt).toBe(
      '2022-12-29T21:08:33.500Z',
    );
  });

  it('falls back to the naive date when the timestamp is null', async () => {
    const body = fixture('todos-page');
    firstRow(body).data_cadastro_timestamp = null;
    expect((await readZeroBasedPage(body, REQUEST, 0)).tickets[0]?.openedAt).toBe(
      '2022-12-29T21:08:33.000Z',
    );
  });

  it('collects responsible users from the relation and from id_usuario_responsavel', async () => {
    const body = fixture('todos-page');
    const row = firstRow(body);
    row.usuarios_responsaveis = [{ id: 7, name: 'Ana', pivot: { id_usuario: 7 } }, '9'];
    row.id_usuario_responsavel = 11;
    expect((await readZeroBasedPage(body, REQUEST, 0)).tickets[0]?.responsibleUserIds).toEqual([
      7, 9, 11,
    ]);
  });

  it('reads server-side drafts', async () => {
    const body = fixture('todos-page');
    firstRow(body).rascunho = true;
    expect((await readZeroBasedPage(body, REQUEST, 0)).tickets[0]?.draft).toBe(true);
  });

  it('accepts a numeric protocol short enough to keep every digit', async () => {
    const body = fixture('todos-page');
    firstRow(body).protocolo = 201806191505251;
    expect((await readZeroBasedPage(body, REQUEST, 0)).tickets[0]?.protocol).toBe(
      '201806191505251',
    );
  });

  it('refuses a 20-digit numeric protocol, naming the field, since its digits are already lost', async () => {
    const body = fixture('todos-page');
    // What JSON.parse makes of an unquoted 20-digit protocol.
    firstRow(body).protocolo = Number('20221229180833379797');
    const error = await parseFailure(() => readZeroBasedPage(body, REQUEST, 0));
    expect(error.kind).toBe('parse');
    expect(error.details.field).toBe('atendimentos.0.protocolo');
    expect(error.message).toContain('atendimentos.0.protocolo');
  });

  it('refuses a protocol with letters', async () => {
    const body = fixture('todos-page');
    firstRow(body).protocolo = 'ATD000045';
    expect((await parseFailure(() => readZeroBasedPage(body, REQUEST, 0))).details.field).toBe(
      'atendimentos.0.protocolo',
    );
  });

  it('names the missing id of a row', async () => {
    const body = fixture('todos-page');
    delete firstRow(body).id_atendimento;
    const error = await parseFailure(() => readZeroBasedPage(body, REQUEST, 0));
    expect(error.details).toMatchObject({
      field: 'atendimentos.0.id_atendimento',
      problem: 'está ausente',
    });
  });

  it('names a field inside a nested object', async () => {
    const body = fixture('todos-page');
    (firstRow(body).status as Json).id_atendimento_status = 'vinte e três';
    expect((await parseFailure(() => readZeroBasedPage(body, REQUEST, 0))).details.field).toBe(
      'atendimentos.0.status.id_atendimento_status',
    );
  });

  it('names an impossible date', async () => {
    const body = fixture('todos-page');
    const row = firstRow(body);
    row.data_cadastro_timestamp = null;
    row.data_cadastro = '2022-02-30 10:00:00';
    const error = await parseFailure(() => readZeroBasedPage(body, REQUEST, 0));
    expect(error.details).toMatchObject({
      field: 'atendimentos.0.data_cadastro',
      problem: 'não é uma data válida',
    });
  });

  it('reports a ticket with no opening date at all', async () => {
    const body = fixture('todos-page');
    const row = firstRow(body);
    row.data_cadastro = null;
    row.data_cadastro_timestamp = null;
    row.data_cadastro_br = null;
    expect((await parseFailure(() => readZeroBasedPage(body, REQUEST, 0))).details.field).toBe(
      'atendimentos.0.data_cadastro',
    );
  });

  it('reads nulls where objects were documented as no value', async () => {
    const body = fixture('todos-page');
    const row = firstRow(body);
    row.status = null;
    row.tipo_atendimento = null;
    row.cliente_servico = null;
    row.usuarios_responsaveis = null;
    const ticket = (await readZeroBasedPage(body, REQUEST, 0)).tickets[0];
    expect(ticket).toMatchObject({
      status: null,
      type: null,
      service: null,
      customer: null,
      statusId: 23,
    });
  });
});

describe('presentation rows (detail and create) become RemoteTicket', () => {
  it('reads the documented cliente/atendimento example with the "suscess" spelling', () => {
    const tickets = readTicketList(fixture('cliente-atendimento'), REQUEST);
    expect(tickets).toHaveLength(3);
    expect(tickets[0]).toMatchObject({
      id: 110,
      protocol: '201806191505251',
      openedAt: '2018-06-19T03:00:00.000Z',
      description: 'VERIFICAR CONEXÃO',
      statusId: null,
      status: null,
      serviceId: 123,
      service: { id: 123, planName: '5MB-WIRELLES-TESTE' },
      customer: null,
      messages: null,
      labels: {
        status: 'Pendente',
        type: 'TÉCNICO - QUEDAS DE CONEXÃO',
        openedBy: 'Bianca Couto',
        responsible: 'Bianca Couto',
        customerCode: 1204,
        customerName: 'BIANCA COUTO',
        customerDocument: '86214941081',
      },
    });
    expect(tickets[0]?.serviceOrders).toEqual([
      {
        id: 131,
        status: 'finalizado',
        type: 'SUPORTE',
        openedAt: '2018-06-19T18:05:25.000Z',
        closedAt: '2018-06-19T18:02:00.000Z',
      },
    ]);
  });

  it('leaves the service empty when the row has no servico', () => {
    const second = readTicketList(fixture('cliente-atendimento'), REQUEST)[1];
    expect(second).toMatchObject({ id: 285, service: null, serviceId: null, serviceOrders: [] });
  });

  it('reads the create answer', () => {
    const ticket = readSingleTicket(fixture('create-answer'), REQUEST);
    expect(ticket).toMatchObject({
      id: 300,
      protocol: '201811161058216',
      labels: { status: 'Aguardando Análise' },
    });
    expect(ticket.serviceOrders?.[0]).toMatchObject({
      id: 340,
      status: 'aguardando_agendamento',
      closedAt: null,
    });
  });

  it('reads messages of a detail answer and a customer id when the server includes one', () => {
    const body = fixture('cliente-atendimento');
    const row = firstRow(body);
    row.atendimento_mensagem = [
      { id_atendimento_mensagem: '9', mensagem: 'Olá', data_cadastro: '19/06/2018 15:10' },
    ];
    (row.cliente as Json).id_cliente = '77';
    const ticket = readTicketList(body, REQUEST)[0];
    expect(ticket?.messages).toEqual([
      { id: 9, ticketId: 110, text: 'Olá', createdAt: '2018-06-19T18:10:00.000Z' },
    ]);
    expect(ticket?.customer).toEqual({ id: 77, code: 1204, name: 'BIANCA COUTO' });
  });

  it('reads the PUT answer (raw model, nothing nested)', () => {
    const ticket = readSingleTicket(fixture('put-answer'), REQUEST);
    expect(ticket).toMatchObject({
      id: 1114,
      protocol: '202003051452007',
      openedAt: '2020-03-05T17:52:00.000Z',
      closedAt: '2020-03-11T12:56:10.000Z',
      statusId: 24,
      typeId: 44,
      serviceId: 13677,
      responsibleUserIds: [22],
      description: 'INSTALAÇÃO NOVA',
      closingDescription: 'Fechamento automático.',
      closingReasonId: 5,
    });
  });
});

describe('large pages', () => {
  it('let other work of the main process run while 500 rows are read', async () => {
    const body = fixture('todos-page');
    const row = firstRow(body);
    body.atendimentos = Array.from({ length: 500 }, (_, index) => ({
      ...row,
      id_atendimento: index + 1,
    }));
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    const page = await readZeroBasedPage(body, REQUEST, 0);
    order.push('page read');
    expect(page.tickets).toHaveLength(500);
    expect(order).toEqual(['other work', 'page read']);
  });
});
