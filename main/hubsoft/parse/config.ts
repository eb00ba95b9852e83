/**
 * The configuration lists under `/api/v1/integracao/configuracao/...`: where each lives, which key
 * of the answer carries it, and which keys of its items hold the id and the label, as the facts
 * table (§5) gives them. A list whose items use other keys fails to parse, naming the field: it is
 * reported, never read as an empty list.
 */
import { z } from 'zod';
import type { ConfigItem, ConfigListName } from '../model';
import { keepingRaw, optionalId, optionalText } from './fields';

export interface ConfigListSource {
  path: string;
  payloadKey: string;
  idKey: string;
  /** A key some servers use instead of `idKey`, read only when `idKey` is absent. */
  legacyIdKey?: string;
  labelKey: string;
}

export const configListSources: Record<ConfigListName, ConfigListSource> = {
  ticketTypes: {
    path: 'tipo_atendimento',
    payloadKey: 'tipos_atendimento',
    idKey: 'id_tipo_atendimento',
    labelKey: 'descricao',
  },
  ticketStatuses: {
    path: 'status_atendimento',
    payloadKey: 'status_atendimento',
    idKey: 'id_atendimento_status',
    labelKey: 'descricao',
  },
  closingReasons: {
    path: 'motivo_fechamento_atendimento',
    payloadKey: 'motivos_fechamento',
    idKey: 'id_motivo_fechamento_atendimento',
    labelKey: 'descricao',
  },
  contactOrigins: {
    path: 'origem_contato',
    payloadKey: 'origem_contatos',
    idKey: 'id_origem_contato',
    labelKey: 'descricao',
  },
  // Facts §5: periods are keyed `id_periodo_dia` (with `prefixo` manha/tarde/noite).
  availabilityPeriods: {
    path: 'disponibilidade',
    payloadKey: 'periodos',
    idKey: 'id_periodo_dia',
    // The API document (and some older tenants) key them `id_disponibilidade`: read it too, so
    // such a server still fills the picker; the compatibility check reports the deviation.
    legacyIdKey: 'id_disponibilidade',
    labelKey: 'descricao',
  },
  serviceOrderTypes: {
    path: 'tipo_ordem_servico',
    payloadKey: 'tipo_ordem_servicos',
    idKey: 'id_tipo_ordem_servico',
    labelKey: 'descricao',
  },
  technicians: { path: 'tecnico', payloadKey: 'tecnicos', idKey: 'id', labelKey: 'name' },
};

/** One item of a list: its id and its label from the list's keys, everything else kept raw. */
export function configItem(source: ConfigListSource): z.ZodType<ConfigItem> {
  return keepingRaw(z.record(z.string(), z.unknown()), (row, raw, ctx): ConfigItem => {
    const value =
      row[source.idKey] ?? (source.legacyIdKey === undefined ? undefined : row[source.legacyIdKey]);
    const itemId = optionalId.safeParse(value);
    if (!itemId.success || itemId.data === null) {
      const message =
        value === undefined || value === null ? 'está ausente' : 'não é um identificador numérico';
      ctx.addIssue({ code: 'custom', message, path: [source.idKey] });
      return z.NEVER;
    }
    const label = optionalText.safeParse(row[source.labelKey]);
    if (!label.success || !label.data) {
      ctx.addIssue({ code: 'custom', message: 'está ausente', path: [source.labelKey] });
      return z.NEVER;
    }
    return { id: itemId.data, label: label.data, raw };
  });
}
