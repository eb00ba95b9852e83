/**
 * `GET /api/v1/integracao/configuracao/...`: the tenant's lists, under HubSoft's payload keys, item
 * keys and messages as the facts table (§5) gives them.
 */
import {
  CLOSING_REASONS,
  CONTACT_ORIGINS,
  ORDER_TYPES,
  PERIODS,
  STATUSES,
  TECHNICIANS,
  TYPES,
  findById,
  type ClosingReasonDef,
} from '../catalog';
import { json, type Reply } from '../http-io';
import type { Router, SimRequest } from '../router';

function list(key: string, msg: string, items: unknown[]): Reply {
  return json({ status: 'success', msg, [key]: items });
}

const PREFIX = '/api/v1/integracao/configuracao';

/** `?id_tipo_atendimento=` keeps the reasons linked to that type and those linked to none. */
function reasonsFor(request: SimRequest): readonly ClosingReasonDef[] {
  const typeId = request.query.get('id_tipo_atendimento');
  if (typeId === null || !/^\d+$/.test(typeId)) return CLOSING_REASONS;
  return CLOSING_REASONS.filter(
    (reason) => reason.typeIds.length === 0 || reason.typeIds.includes(Number(typeId)),
  );
}

function closingReasonItem(reason: ClosingReasonDef): Record<string, unknown> {
  return {
    id_motivo_fechamento_atendimento: reason.id,
    descricao: reason.label,
    motivos_fechamento_tipo_atendimento: reason.typeIds.map((typeId) => ({
      id_tipo_atendimento: typeId,
      descricao: findById(TYPES, typeId)?.label ?? '',
    })),
  };
}

export function addConfigurationRoutes(router: Router): void {
  router
    .add('GET', `${PREFIX}/tipo_atendimento`, () =>
      list(
        'tipos_atendimento',
        'Dados consultados com sucesso',
        TYPES.map((type) => ({ id_tipo_atendimento: type.id, descricao: type.label })),
      ),
    )
    .add('GET', `${PREFIX}/status_atendimento`, () =>
      list(
        'status_atendimento',
        'Status de Atendimento consultados com sucesso!',
        STATUSES.map((status) => ({
          id_atendimento_status: status.id,
          descricao: status.label,
          prefixo: status.prefix,
          abrir_ordem_servico: status.opensServiceOrder,
          // Fact 40: the display names the statuses that open a service order.
          display: status.opensServiceOrder ? `${status.label} (Abertura de OS)` : status.label,
        })),
      ),
    )
    .add('GET', `${PREFIX}/motivo_fechamento_atendimento`, (request) =>
      list(
        'motivos_fechamento',
        'Dados consultados com sucesso',
        reasonsFor(request).map(closingReasonItem),
      ),
    )
    .add('GET', `${PREFIX}/origem_contato`, () =>
      list(
        'origem_contatos',
        'Origens Contatos consultados com sucesso!',
        CONTACT_ORIGINS.map((origin) => ({
          id_origem_contato: origin.id,
          descricao: origin.label,
        })),
      ),
    )
    .add('GET', `${PREFIX}/disponibilidade`, () =>
      list(
        'periodos',
        'Períodos (Disponibilidade) consultados com sucesso!',
        // §5: real periods are keyed id_periodo_dia (the API document says id_disponibilidade).
        PERIODS.map((period) => ({
          id_periodo_dia: period.id,
          descricao: period.label,
          prefixo: period.prefix,
          hora_inicio: period.start,
          hora_fim: period.end,
        })),
      ),
    )
    .add('GET', `${PREFIX}/tipo_ordem_servico`, () =>
      list(
        'tipo_ordem_servicos',
        'Tipos de O.S consultados com sucesso',
        ORDER_TYPES.map((type) => ({
          id_tipo_ordem_servico: type.id,
          descricao: type.label,
          destino: 'cliente_servico',
        })),
      ),
    )
    .add('GET', `${PREFIX}/tecnico`, () =>
      list(
        'tecnicos',
        'Técnicos consultados com sucesso',
        TECHNICIANS.map((technician) => ({ id: technician.id, name: technician.name })),
      ),
    );
}
