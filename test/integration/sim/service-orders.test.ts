import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../main/sim/server';
import { accessToken, api, rowsOf, startSim, type JsonObject } from './sim-client';

let sim: RunningSimulator;
let token: string;
let serviceId: number;

beforeAll(async () => {
  sim = await startSim({ tickets: 200 });
  sim.setFaults({ rateLimit: null });
  token = await accessToken(sim);
  const { body } = await api(sim, token, 'cliente?busca=codigo_cliente&termo_busca=1005');
  const customer = (body.clientes as JsonObject[])[0] as JsonObject;
  serviceId = Number((customer.servicos as JsonObject[])[0]?.id_cliente_servico);
});

afterAll(async () => {
  await sim.close();
});

/** A new ticket of this type: 132 is technical (allows an O.S.), 128 (SAC) is not. */
async function ticketOfType(typeId: number): Promise<{ id: number; protocol: string }> {
  const { body } = await api(sim, token, 'atendimento', {
    method: 'POST',
    body: {
      id_cliente_servico: serviceId,
      descricao: 'Cliente sem sinal',
      nome: 'Ana',
      telefone: '31991234567',
      id_tipo_atendimento: typeId,
    },
  });
  const ticket = body.atendimento as JsonObject;
  return { id: Number(ticket.id_atendimento), protocol: String(ticket.protocolo) };
}

const order = {
  id_tipo_ordem_servico: 16,
  data_inicio_programado: '2026-12-10',
  hora_inicio_programado: '08:00',
  data_termino_programado: '2026-12-10',
  hora_termino_programado: '10:00',
  descricao_servico: 'Trocar o conector da ONU',
  tecnicos: { '0': { id: 10 } },
  disponibilidade: { '0': 'manha', '1': 'tarde' },
};

async function open(ticketId: number | null, body: JsonObject) {
  const query = ticketId === null ? '' : `?id_atendimento=${ticketId}`;
  return api(sim, token, `ordem_servico/abrir_os${query}`, { method: 'POST', body });
}

function ordersOn(protocol: string) {
  return sim.state({ protocol })[0]?.serviceOrders ?? [];
}

describe('opening a service order from a ticket (facts 41 to 43)', () => {
  it('opens it with its technician, schedule and periods, and lists it on the ticket', async () => {
    const ticket = await ticketOfType(132);
    const { status, body } = await open(ticket.id, order);

    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'success',
      msg: 'Ordem de Serviço adicionada com sucesso',
      ordem_servico: {
        id_atendimento: ticket.id,
        tipo_ordem_servico: 'SUPORTE',
        descricao_abertura: 'Trocar o conector da ONU',
        status: 'aguardando_agendamento',
        data_inicio_programado: '10/12/2026 08:00:00',
      },
    });
    expect(typeof (body.ordem_servico as JsonObject).numero_ordem_servico).toBe('number');
    const [stored] = ordersOn(ticket.protocol);
    expect(stored).toMatchObject({ technicianIds: [10], availabilityIds: [4, 5] });
    expect(new Date(stored?.scheduledStart ?? 0).toISOString()).toBe('2026-12-10T11:00:00.000Z');

    const detail = await api(
      sim,
      token,
      `cliente/atendimento?busca=protocolo&termo_busca=${ticket.protocol}&apenas_pendente=nao`,
    );
    const listed = (rowsOf(detail.body)[0]?.ordens_servico ?? []) as JsonObject[];
    expect(listed.map((row) => row.descricao_servico)).toEqual(['Trocar o conector da ONU']);
  });

  it('takes technicians and periods only as indexed objects, as the facts document', async () => {
    const ticket = await ticketOfType(132);
    const { status, body } = await open(ticket.id, {
      ...order,
      tecnicos: [{ id: 10 }],
      disponibilidade: ['manha'],
    });

    expect(status).toBe(200);
    expect(body.status).toBe('error');
    expect(ordersOn(ticket.protocol)).toEqual([]);
  });

  it('refuses a ticket whose type allows no O.S., and one not named in the query', async () => {
    const sac = await ticketOfType(128);
    const refused = await open(sac.id, order);
    expect(refused.body).toMatchObject({
      status: 'error',
      msg: 'O tipo de atendimento não permite a abertura de ordem de serviço.',
    });
    expect(ordersOn(sac.protocol)).toEqual([]);

    const unnamed = await open(null, order);
    expect(unnamed.body.status).toBe('error');
    expect(unnamed.body.errors).toEqual(['O campo id atendimento é obrigatório.']);
  });

  it('refuses an unknown technician or an end before the start, opening nothing', async () => {
    const ticket = await ticketOfType(133);
    const stranger = await open(ticket.id, { ...order, tecnicos: { '0': { id: 999 } } });
    expect(stranger.body).toMatchObject({ status: 'error', msg: 'O técnico 999 não existe.' });
    const backwards = await open(ticket.id, { ...order, hora_termino_programado: '07:00' });
    expect(backwards.body.status).toBe('error');
    expect(ordersOn(ticket.protocol)).toEqual([]);
  });
});
