import { describe, expect, it } from 'vitest';
import { HubsoftError } from '../../../main/hubsoft/errors';
import {
  closeBody,
  customerSearchParams,
  customerTicketsParams,
  editBody,
  listFilters,
  newTicketBody,
} from '../../../main/hubsoft/requests';

describe('what the client sends HubSoft', () => {
  it('filters lists by closing date with tipo_data and joins relations', () => {
    expect(
      listFilters({
        page: 0,
        perPage: 100,
        from: '2025-01-01',
        to: '2025-01-31',
        dateField: 'closed',
        relations: ['cliente_servico', 'atendimento_mensagem'],
      }),
    ).toEqual({
      data_inicio: '2025-01-01',
      data_fim: '2025-01-31',
      tipo_data: 'data_fechamento',
      relacoes: 'cliente_servico,atendimento_mensagem',
    });
  });

  it('refuses page sizes HubSoft refuses, and dates in another format', () => {
    expect(() => listFilters({ page: 0, perPage: 501 })).toThrow(HubsoftError);
    expect(() => listFilters({ page: -1, perPage: 10 })).toThrow(HubsoftError);
    expect(() => listFilters({ page: 0, perPage: 10, from: '01/01/2025' })).toThrow(/AAAA-MM-DD/);
  });

  it('writes flags as sim/nao and bounds limits', () => {
    expect(
      customerTicketsParams({
        by: 'protocolo',
        term: '123',
        onlyPending: false,
        withMessages: true,
      }),
    ).toEqual({
      busca: 'protocolo',
      termo_busca: '123',
      apenas_pendente: 'nao',
      relacoes: 'atendimento_mensagem',
    });
    expect(
      customerSearchParams({
        by: 'cpf_cnpj',
        term: '86214941081',
        limit: 100,
        includeCancelled: false,
      }),
    ).toEqual({
      busca: 'cpf_cnpj',
      termo_busca: '86214941081',
      limit: 100,
      cancelado: 'nao',
    });
    expect(() => customerSearchParams({ by: 'telefone', term: '3799', limit: 101 })).toThrow(
      HubsoftError,
    );
    expect(() => customerTicketsParams({ by: 'cpf_cnpj', term: '1', limit: 51 })).toThrow(
      HubsoftError,
    );
  });

  it('builds a create body with comma-separated id lists and nothing undefined', () => {
    expect(
      newTicketBody({
        serviceId: 17812,
        description: 'Sem sinal',
        requesterName: 'João',
        requesterPhone: '11987654321',
        responsibleUserIds: [1, 2],
        availabilityIds: [3],
        openServiceOrder: true,
      }),
    ).toEqual({
      id_cliente_servico: 17812,
      descricao: 'Sem sinal',
      nome: 'João',
      telefone: '11987654321',
      id_usuario_responsavel: '1,2',
      id_disponibilidade: '3',
      abrir_os: true,
    });
  });

  it('never mixes closing with a status or type change', () => {
    expect(editBody({ statusId: 3 })).toEqual({
      fechar_atendimento: false,
      id_atendimento_status: 3,
    });
    const closing = closeBody({
      reasonId: 108,
      description: 'Resolvido',
      closingStatus: 'concluido',
    });
    expect(closing).toEqual({
      fechar_atendimento: true,
      parametros_fechamento: {
        id_motivo_fechamento_atendimento: 108,
        descricao_fechamento: 'Resolvido',
        status_fechamento: 'concluido',
      },
    });
    expect(closing).not.toHaveProperty('id_atendimento_status');
  });
});
