/**
 * Every configuration list the app uses (facts §5), read with the app's own item parser: a list it
 * cannot read is one the app shows as unavailable, so the entry names the field that failed.
 */
import type { ConfigListName } from '../../hubsoft';
import { configItem, configListSources } from '../../hubsoft/parse/config';
import { readList } from '../../hubsoft/parse/payload';
import type { ProbeHttp } from './probe-http';
import {
  fieldOrThrow,
  hasStringIds,
  reached,
  readEnvelope,
  unreadable,
  type JsonObject,
  type ProbeTarget,
} from './inspect';
import type { CompatibilityEntry, DeviationCode, ProbeName } from './report';

const probeOfList: Record<ConfigListName, ProbeName> = {
  ticketTypes: 'config_ticket_types',
  ticketStatuses: 'config_ticket_statuses',
  closingReasons: 'config_closing_reasons',
  contactOrigins: 'config_contact_origins',
  availabilityPeriods: 'config_availability_periods',
  serviceOrderTypes: 'config_service_order_types',
  technicians: 'config_technicians',
};

export const configListNames = Object.keys(probeOfList) as ConfigListName[];

export async function probeConfigList(
  http: ProbeHttp,
  token: string,
  name: ConfigListName,
): Promise<CompatibilityEntry> {
  const source = configListSources[name];
  const path = `/api/v1/integracao/configuracao/${source.path}`;
  const target: ProbeTarget = { probe: probeOfList[name], endpoint: `GET ${path}` };
  const read = readEnvelope(target, await http.send({ method: 'GET', path, token }));
  if ('entry' in read) return read.entry;
  const { envelope } = read;
  try {
    const items = readList(envelope.body, source.payloadKey, configItem(source), target.endpoint);
    const deviations: DeviationCode[] = [];
    if (items.length === 0) deviations.push('empty');
    if (hasStringIds(envelope.body)) deviations.push('ids_as_strings');
    if (name === 'availabilityPeriods' && periodsUseLegacyKey(envelope.body[source.payloadKey])) {
      deviations.push('periods_legacy_key');
    }
    return reached(target, envelope, deviations, items.length);
  } catch (error) {
    return unreadable(target, envelope, fieldOrThrow(error));
  }
}

/** §5: real periods are keyed `id_periodo_dia`; older answers (and the API document) say otherwise. */
function periodsUseLegacyKey(items: unknown): boolean {
  if (!Array.isArray(items)) return false;
  return items.some((item) => {
    const row = item as JsonObject;
    return row.id_periodo_dia === undefined && row.id_disponibilidade !== undefined;
  });
}
