import { describe, expect, it } from 'vitest';
import { HubsoftError } from '../../../main/hubsoft/errors';
import { configItem, configListSources } from '../../../main/hubsoft/parse/config';
import { customer } from '../../../main/hubsoft/parse/customer';
import { readList } from '../../../main/hubsoft/parse/payload';

const customerBody = {
  status: 'success',
  clientes: [
    {
      id_cliente: '24930',
      codigo_cliente: 1864,
      nome_razaosocial: 'LAVYNIA SOUZA  ',
      cpf_cnpj: '862.149.410-81',
      telefone_primario: '37999990000',
      telefone_secundario: null,
      email_principal: 'lavynia@example.com',
      campo_extra: 1,
      servicos: [
        {
          id_cliente_servico: '17812',
          nome: '100 MEGA FIBRA',
          status: 'Serviço Habilitado',
          endereco_instalacao: { endereco: 'RUA PADRE PAULO', numero: '308', bairro: 'CENTRO' },
        },
      ],
    },
  ],
};

describe('customer search results', () => {
  it('become Customer with digits-only documents, phones and services', () => {
    const [found] = readList(customerBody, 'clientes', customer, 'GET /cliente');
    expect(found).toMatchObject({
      id: 24930,
      code: 1864,
      name: 'LAVYNIA SOUZA',
      document: '86214941081',
      phones: ['37999990000'],
      email: 'lavynia@example.com',
      services: [
        {
          id: 17812,
          planName: '100 MEGA FIBRA',
          status: 'Serviço Habilitado',
          address: 'RUA PADRE PAULO, 308, CENTRO',
        },
      ],
    });
    expect(found?.raw.campo_extra).toBe(1);
  });

  it('name the service whose id is missing', () => {
    const body = structuredClone(customerBody);
    delete (body.clientes[0]?.servicos[0] as Record<string, unknown>).id_cliente_servico;
    try {
      readList(body, 'clientes', customer, 'GET /cliente');
      throw new Error('expected a parse error');
    } catch (error) {
      expect(error).toBeInstanceOf(HubsoftError);
      expect((error as HubsoftError).details.field).toBe(
        'clientes.0.servicos.0.id_cliente_servico',
      );
    }
  });
});

describe('configuration lists', () => {
  it('read each list under its payload key with its own id field', () => {
    const items = readList(
      {
        status: 'success',
        tipos_atendimento: [{ id_tipo_atendimento: '125', descricao: 'COMERCIAL ', ativo: true }],
      },
      'tipos_atendimento',
      configItem(configListSources.ticketTypes),
      'GET /c',
    );
    expect(items).toEqual([
      {
        id: 125,
        label: 'COMERCIAL',
        raw: { id_tipo_atendimento: '125', descricao: 'COMERCIAL ', ativo: true },
      },
    ]);
  });

  it('read technicians as {id, name}', () => {
    const items = readList(
      { tecnicos: [{ id: 5, name: 'João Técnico' }] },
      'tecnicos',
      configItem(configListSources.technicians),
      'GET /c',
    );
    expect(items[0]).toMatchObject({ id: 5, label: 'João Técnico' });
  });

  it('read availability periods keyed id_periodo_dia, keeping their prefix and hours', () => {
    const items = readList(
      {
        periodos: [
          {
            id_periodo_dia: 4,
            descricao: 'Manhã',
            prefixo: 'manha',
            hora_inicio: '06:00:00',
            hora_fim: '11:59:59',
          },
        ],
      },
      'periodos',
      configItem(configListSources.availabilityPeriods),
      'GET /c',
    );
    expect(items[0]).toMatchObject({ id: 4, label: 'Manhã', raw: { prefixo: 'manha' } });
  });

  it('read periods keyed the way the API document has them (id_disponibilidade) too', () => {
    const items = readList(
      { periodos: [{ id_disponibilidade: 1, descricao: 'Manhã' }] },
      'periodos',
      configItem(configListSources.availabilityPeriods),
      'GET /c',
    );
    expect(items[0]).toMatchObject({ id: 1, label: 'Manhã' });
  });

  it('name the missing id of a period that has neither key, instead of reading an empty list', () => {
    try {
      readList(
        { periodos: [{ prefixo: 'manha', descricao: 'Manhã' }] },
        'periodos',
        configItem(configListSources.availabilityPeriods),
        'GET /c',
      );
      throw new Error('expected a parse error');
    } catch (error) {
      expect((error as HubsoftError).details.field).toBe('periodos.0.id_periodo_dia');
    }
  });

  it('report a missing list key', () => {
    try {
      readList(
        { status: 'success' },
        'tecnicos',
        configItem(configListSources.technicians),
        'GET /c',
      );
      throw new Error('expected a parse error');
    } catch (error) {
      expect((error as HubsoftError).details).toMatchObject({
        field: 'tecnicos',
        problem: 'está ausente',
      });
    }
  });
});
