/**
 * The ticket fields a queued action can change locally, grouped the way actions change them.
 * A ticket row shows the server's values with every open action folded on top; the server's own
 * values are kept aside in `server_copy` while any action is pending, so undoing one is a refold.
 */
import type { DatePrecision } from '../hubsoft/model';
import type { ClosePayload, UpdatePayload } from './types';

export type FieldGroup = 'status' | 'type' | 'description' | 'closed';

export interface OverridableFields {
  statusId: number | null;
  statusPrefix: string | null;
  statusLabel: string | null;
  typeId: number | null;
  typeLabel: string | null;
  description: string | null;
  closedAt: string | null;
  closedAtPrecision: DatePrecision;
  closingDescription: string | null;
  closingReasonId: number | null;
}

export interface OverridableRow {
  status_id: number | null;
  status_prefix: string | null;
  status_label: string | null;
  type_id: number | null;
  type_label: string | null;
  description: string | null;
  closed_at: string | null;
  closed_at_precision: DatePrecision;
  closing_description: string | null;
  closing_reason_id: number | null;
}

export const overridableColumns =
  'status_id, status_prefix, status_label, type_id, type_label, description, closed_at, closed_at_precision, closing_description, closing_reason_id';

export function fieldsFromRow(row: OverridableRow): OverridableFields {
  return {
    statusId: row.status_id,
    statusPrefix: row.status_prefix,
    statusLabel: row.status_label,
    typeId: row.type_id,
    typeLabel: row.type_label,
    description: row.description,
    closedAt: row.closed_at,
    closedAtPrecision: row.closed_at_precision,
    closingDescription: row.closing_description,
    closingReasonId: row.closing_reason_id,
  };
}

/** Names for ids picked by the agent, from the cached configuration lists. */
export interface LabelLookup {
  status(id: number): { prefix: string; label: string };
  type(id: number): string;
}

/** One open action's effect on the fields, folded over what the server says. */
export type FieldFold = (
  fields: OverridableFields,
  labels: LabelLookup,
) => { fields: OverridableFields; groups: FieldGroup[] };

/** An update action's effect; fields it leaves out stay as they are. */
export function applyUpdate(
  fields: OverridableFields,
  payload: UpdatePayload,
  labels: LabelLookup,
): { fields: OverridableFields; groups: FieldGroup[] } {
  const next = { ...fields };
  const groups: FieldGroup[] = [];
  if (payload.statusId !== undefined && payload.statusId !== null) {
    const status = labels.status(payload.statusId);
    Object.assign(next, {
      statusId: payload.statusId,
      statusPrefix: status.prefix,
      statusLabel: status.label,
    });
    groups.push('status');
  }
  if (payload.typeId !== undefined && payload.typeId !== null) {
    Object.assign(next, { typeId: payload.typeId, typeLabel: labels.type(payload.typeId) });
    groups.push('type');
  }
  if (payload.description !== undefined) {
    next.description = payload.description;
    groups.push('description');
  }
  return { fields: next, groups };
}

/** A close action's effect, dated when the agent closed it. */
export function applyClose(
  fields: OverridableFields,
  payload: ClosePayload,
  closedAt: string,
): { fields: OverridableFields; groups: FieldGroup[] } {
  return {
    fields: {
      ...fields,
      closedAt,
      closedAtPrecision: 'time',
      closingDescription: payload.description ?? null,
      closingReasonId: payload.reasonId ?? null,
    },
    groups: ['closed'],
  };
}
