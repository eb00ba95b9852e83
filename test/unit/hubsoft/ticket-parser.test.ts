import { describe, expect, it } from 'vitest';
import {
  readLaravelPage,
  readSingleTicket,
  readTicketList,
  readZeroBasedPage,
} from '../../../main/hubsoft/parse/payload';
import { remoteMessage } from '../../../main/hubsoft/parse/ticket';
import { skippedRows, type ParseProblem } from '../../../main/hubsoft/parse/problems';
import { fixture, type Json } from './fixtures';

const REQUEST = 'GET /test';

function firstRow(body: Json): Json {
  return (body.atendimentos as Json[])[0] as Json;
}

/**
 * Reads a /todos page with one bad row and one good one: the page still comes with the good row,
 * and the bad one is reported. Answers the field paths reported.
 */
async function skippedFields(body: Json): Promise<string[]> {
  const goodRow = { ...firstRow(fixture('todos-page')), id_atendimento: 9001 };
  (body.atendimentos as Json[]).push(goodRow);
  const seen: ParseProblem[] = [];
  const stop = skippedRows.onProblem((problem) => seen.push(problem));
  try {
    const page = await readZeroBasedPage(body, REQUEST, 0);
    expect(page.tickets.map((ticket) => ticket.id)).toEqual([9001]);
  } finally {
    stop();
  }
  expect(seen.every((problem) => problem.endpoint === REQUEST)).toBe(true);
  return seen.map((problem) => problem.field);
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

  it('leaves out a row whose 20-digit protocol came as a number, naming the field, since its digits are already lost', async () => {
    const body = fixture('todos-page');
    // What JSON.parse makes of an unquoted 20-digit protocol.
    firstRow(body).protocolo = Number('20221229180833379797');
    expect(await skippedFields(body)).toEqual(['atendimentos[].protocolo']);
  });

  it('leaves out a row whose protocol has letters', async () => {
    const body = fixture('todos-page');
    firstRow(body).protocolo = 'ATD000045';
    expect(await skippedFields(body)).toEqual(['atendimentos[].protocolo']);
  });

  it('leaves out a row without an id, naming the missing field', async () => {
    const body = fixture('todos-page');
    delete firstRow(body).id_atendimento;
    expect(await skippedFields(body)).toEqual(['atendimentos[].id_atendimento']);
  });

  it('names a field inside a nested object of a row it leaves out', async () => {
    const body = fixture('todos-page');
    (firstRow(body).status as Json).id_atendimento_status = 'vinte e três';
    expect(await skippedFields(body)).toEqual(['atendimentos[].status.id_atendimento_status']);
  });

  it('leaves out a row with an impossible date', async () => {
    const body = fixture('todos-page');
    const row = firstRow(body);
    row.data_cadastro_timestamp = null;
    row.data_cadastro = '2022-02-30 10:00:00';
    expect(await skippedFields(body)).toEqual(['atendimentos[].data_cadastro']);
  });

  it('leaves out a ticket with no opening date at all', async () => {
    const body = fixture('todos-page');
    const row = firstRow(body);
    row.data_cadastro = null;
    row.data_cadastro_timestamp = null;
    row.data_cadastro_br = null;
    expect(await skippedFields(body)).toEqual(['atendimentos[].data_cadastro']);
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
        // Read for the read-back of an O.S. opened here (fact 41): its number kept as text.
        number: '125',
        description: 'VERIFICAR CONEXÃO',
        scheduledStart: '2018-06-19T17:02:00.000Z',
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

describe('how precise a date is, and what a shape does not say', () => {
  it("marks a list row's opening and closing as exact times", async () => {
    const body = fixture('todos-page');
    firstRow(body).data_fechamento_timestamp = 1_672_400_000_000;
    const ticket = (await readZeroBasedPage(body, REQUEST, 0)).tickets[0];
    expect(ticket).toMatchObject({ openedAtPrecision: 'time', closedAtPrecision: 'time' });
  });

  it("marks the detail's dd/mm/yyyy opening date as a day without a time", () => {
    const ticket = readTicketList(fixture('cliente-atendimento'), REQUEST)[0];
    expect(ticket).toMatchObject({
      openedAt: '2018-06-19T03:00:00.000Z',
      openedAtPrecision: 'day',
    });
  });

  it("marks the create answer's closing date as a day when it has one", () => {
    const body = fixture('create-answer');
    (body.atendimento as Json).data_fechamento = '17/11/2018';
    expect(readSingleTicket(body, REQUEST)).toMatchObject({
      closedAt: '2018-11-17T03:00:00.000Z',
      closedAtPrecision: 'day',
    });
  });

  it('says nothing about drafts or deletion for the detail shape, which lacks both', () => {
    const ticket = readTicketList(fixture('cliente-atendimento'), REQUEST)[0];
    expect(ticket?.draft).toBeNull();
    expect(ticket?.deletedAt).toBeUndefined();
  });

  it('reads the create answer\'s rascunho: null as unknown, not as "not a draft"', () => {
    const body = fixture('create-answer');
    (body.atendimento as Json).rascunho = null;
    expect(readSingleTicket(body, REQUEST).draft).toBeNull();
  });

  it("reads a list row's deleted_at, null when the ticket is not deleted", async () => {
    const body = fixture('todos-page');
    expect((await readZeroBasedPage(body, REQUEST, 0)).tickets[0]?.deletedAt).toBeNull();
    firstRow(body).deleted_at = '2023-01-05 10:00:00';
    expect((await readZeroBasedPage(body, REQUEST, 0)).tickets[0]?.deletedAt).toBe(
      '2023-01-05T13:00:00.000Z',
    );
  });
});

describe('one bad row never refuses the page it is on', () => {
  it('leaves out a row whose status has an empty prefix and reads the others', async () => {
    const body = fixture('todos-page');
    (firstRow(body).status as Json).prefixo = '';
    expect(await skippedFields(body)).toEqual(['atendimentos[].status.prefixo']);
  });

  it('leaves out a row with a field of a type no server sends', async () => {
    const body = fixture('todos-page');
    firstRow(body).anexos_count = { quantidade: 2 };
    expect(await skippedFields(body)).toEqual(['atendimentos[].anexos_count']);
  });

  it('counts the rows it left out per endpoint and field, for the diagnostics export', async () => {
    const endpoint = 'GET /api/v1/integracao/atendimento/paginado/100';
    const countOf = () =>
      skippedRows
        .list()
        .find((count) => count.endpoint === endpoint && count.field.endsWith('.status.prefixo'))
        ?.skippedRows ?? 0;
    const before = countOf();
    const row = {
      ...firstRow(fixture('todos-page')),
      status: { id_atendimento_status: 3, prefixo: ' ' },
    };
    const body = {
      atendimentos: {
        current_page: 1,
        last_page: 1,
        total: 2,
        data: [row, { ...row, id_atendimento: 2 }],
      },
    };
    const page = await readLaravelPage(body, endpoint, 0);
    expect(page.tickets).toEqual([]);
    expect(page.total).toBe(2);
    expect(countOf()).toBe(before + 2);
  });

  it('still refuses a detail answer it cannot read, since leaving its row out would read as a deleted ticket', () => {
    const body = fixture('cliente-atendimento');
    firstRow(body).protocolo = 'ATD000045';
    expect(() => readTicketList(body, REQUEST)).toThrow(/atendimentos\.0\.protocolo/);
  });
});

describe('the answer of adicionar_mensagem', () => {
  const answer = {
    id_atendimento: 110,
    id_usuario: 4903,
    mensagem: 'Visita confirmada',
    data_cadastro: {
      date: '2024-04-23 15:34:10.511128',
      timezone_type: 3,
      timezone: 'America/Recife',
    },
    ip_cadastro: '10.0.0.1',
    ativo: true,
    id_atendimento_mensagem: 991,
  };

  it('dates the message from data_cadastro_timestamp when the server sends it', () => {
    const message = remoteMessage(110).parse({
      ...answer,
      data_cadastro_br: '23/04/2024 15:34',
      data_cadastro_timestamp: 1_713_897_250_511,
    });
    expect(message.createdAt).toBe('2024-04-23T18:34:10.511Z');
  });

  it('else dates it from the PHP DateTime object, in its own time zone', () => {
    expect(remoteMessage(110).parse(answer)).toEqual({
      id: 991,
      ticketId: 110,
      text: 'Visita confirmada',
      createdAt: '2024-04-23T18:34:10.511Z',
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
