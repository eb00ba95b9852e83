/**
 * The configuration lists under `/api/v1/integracao/configuracao/...`: where each lives, which key
 * of the answer carries it, and how its items name their id and label.
 */
import { z } from 'zod';
import type { ConfigItem, ConfigListName } from '../model';
import { keepingRaw, optionalId, optionalText } from './fields';

export interface ConfigListSource {
  path: string;
  payloadKey: string;
  /** Tried in order; the first present is the item's id. */
  idKeys: string[];
}

export const configListSources: Record<ConfigListName, ConfigListSource> = {
  ticketTypes: {
    path: 'tipo_atendimento',
    payloadKey: 'tipos_atendimento',
    idKeys: ['id_tipo_atendimento', 'id'],
  },
  ticketStatuses: {
    path: 'status_atendimento',
    payloadKey: 'status_atendimento',
    idKeys: ['id_atendimento_status', 'id'],
  },
  closingReasons: {
    path: 'motivo_fechamento_atendimento',
    payloadKey: 'motivos_fechamento',
    idKeys: ['id_motivo_fechamento_atendimento', 'id_motivo_fechamento', 'id'],
  },
  contactOrigins: {
    path: 'origem_contato',
    payloadKey: 'origem_contatos',
    idKeys: ['id_origem_contato', 'id'],
  },
  availabilityPeriods: {
    path: 'disponibilidade',
    payloadKey: 'periodos',
    // §5: real periods are keyed id_periodo_dia; older answers use id_disponibilidade.
    idKeys: ['id_periodo_dia', 'id_disponibilidade', 'id_periodo', 'id'],
  },
  serviceOrderTypes: {
    path: 'tipo_ordem_servico',
    payloadKey: 'tipo_ordem_servicos',
    idKeys: ['id_tipo_ordem_servico', 'id'],
  },
  technicians: {
    path: 'tecnico',
    payloadKey: 'tecnicos',
    idKeys: ['id', 'id_usuario', 'id_tecnico'],
  },
};

const labelKeys = ['descricao', 'display', 'name', 'nome', 'prefixo'];

/** One item of a list: its id from the list's id keys, its label from the first text field. */
export function configItem(source: ConfigListSource): z.ZodType<ConfigItem> {
  return keepingRaw(z.record(z.string(), z.unknown()), (row, raw, ctx): ConfigItem => {
    const idKey = source.idKeys.find((key) => row[key] !== undefined && row[key] !== null);
    const itemId = optionalId.safeParse(idKey === undefined ? undefined : row[idKey]);
    if (idKey === undefined || !itemId.success || itemId.data === null) {
      const message = idKey === undefined ? 'está ausente' : 'não é um identificador numérico';
      ctx.addIssue({ code: 'custom', message, path: [idKey ?? source.idKeys[0] ?? 'id'] });
      return z.NEVER;
    }
    const label = labelKeys
      .map((key) => optionalText.safeParse(row[key]))
      .find((parsed) => parsed.success && parsed.data !== null);
    if (!label?.data) {
      ctx.addIssue({ code: 'custom', message: 'está ausente', path: ['descricao'] });
      return z.NEVER;
    }
    return { id: itemId.data, label: label.data, raw };
  });
}
