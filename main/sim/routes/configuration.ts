/** `GET /api/v1/integracao/configuracao/...`: the tenant's lists, under HubSoft's payload keys. */
import {
  CLOSING_REASONS,
  CONTACT_ORIGINS,
  ORDER_TYPES,
  PERIODS,
  STATUSES,
  TECHNICIANS,
  TYPES,
} from '../catalog';
import { json, type Reply } from '../http-io';
import type { Router } from '../router';

function list(key: string, items: unknown[]): Reply {
  return json({ status: 'success', msg: 'Dados consultados com sucesso', [key]: items });
}

const PREFIX = '/api/v1/integracao/configuracao';

export function addConfigurationRoutes(router: Router): void {
  router
    .add('GET', `${PREFIX}/tipo_atendimento`, () =>
      list(
        'tipos_atendimento',
        TYPES.map((type) => ({
          id_tipo_atendimento: type.id,
          descricao: type.label,
          ativo: true,
          tempo_sla_horas: type.slaHours,
        })),
      ),
    )
    .add('GET', `${PREFIX}/status_atendimento`, () =>
      list(
        'status_atendimento',
        STATUSES.map((status) => ({
          id_atendimento_status: status.id,
          prefixo: status.prefix,
          descricao: status.label,
          cor: status.color,
          abrir_ordem_servico: status.opensServiceOrder,
        })),
      ),
    )
    .add('GET', `${PREFIX}/motivo_fechamento_atendimento`, () =>
      list(
        'motivos_fechamento',
        CLOSING_REASONS.map((reason) => ({
          id_motivo_fechamento_atendimento: reason.id,
          descricao: reason.label,
          ativo: true,
        })),
      ),
    )
    .add('GET', `${PREFIX}/origem_contato`, () =>
      list(
        'origem_contatos',
        CONTACT_ORIGINS.map((origin) => ({
          id_origem_contato: origin.id,
          descricao: origin.label,
        })),
      ),
    )
    .add('GET', `${PREFIX}/disponibilidade`, () =>
      list(
        'periodos',
        // §5: real periods are keyed id_periodo_dia (the API document says id_disponibilidade).
        PERIODS.map((period) => ({
          id_periodo_dia: period.id,
          descricao: period.label,
          hora_inicio: period.start,
          hora_fim: period.end,
        })),
      ),
    )
    .add('GET', `${PREFIX}/tipo_ordem_servico`, () =>
      list(
        'tipo_ordem_servicos',
        ORDER_TYPES.map((type) => ({ id_tipo_ordem_servico: type.id, descricao: type.label })),
      ),
    )
    .add('GET', `${PREFIX}/tecnico`, () =>
      list(
        'tecnicos',
        TECHNICIANS.map((technician) => ({ id: technician.id, name: technician.name })),
      ),
    );
}
