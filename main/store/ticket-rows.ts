/** How a `tickets` row becomes the summary callers see, and the columns that needs. */
import type { DatePrecision } from '../hubsoft/model';
import type { TicketSummary } from './types';

export interface TicketSummaryRow {
  seq: number;
  key: string;
  id: number | null;
  protocol: string | null;
  opened_at: string;
  opened_at_precision: DatePrecision;
  closed_at: string | null;
  closed_at_precision: DatePrecision;
  status_id: number | null;
  status_prefix: string | null;
  status_label: string | null;
  type_id: number | null;
  type_label: string | null;
  customer_id: number | null;
  customer_code: number | null;
  customer_name: string | null;
  customer_document: string | null;
  service_id: number | null;
  description: string | null;
  sla_remaining: string | null;
  sla_percent: number | null;
  responsible_user_ids: string;
  server_draft: number;
  attachment_count: number | null;
  updated_at: string;
  last_viewed_at: string | null;
  detail_fetched_at: string | null;
  pending_count: number;
  last_message: string | null;
  last_others_message_at: string | null;
  has_draft: number;
  responsible_names: string | null;
}

/** The select list for summaries, `t` being the tickets table. */
export const summaryColumns = `
  t.seq, t.key, t.id, t.protocol, t.opened_at, t.opened_at_precision, t.closed_at,
  t.closed_at_precision, t.status_id, t.status_prefix,
  t.status_label, t.type_id, t.type_label, t.customer_id, t.customer_code, t.customer_name,
  t.customer_document, t.service_id, t.description, t.sla_remaining, t.sla_percent,
  t.responsible_user_ids, t.server_draft, t.attachment_count, t.updated_at, t.last_viewed_at,
  t.detail_fetched_at,
  (SELECT count(*) FROM outbox o
    WHERE o.ticket_key = t.key AND o.state NOT IN ('sent', 'discarded')) AS pending_count,
  (SELECT m.text FROM messages m WHERE m.ticket_key = t.key
    ORDER BY m.created_at DESC, m.seq DESC LIMIT 1) AS last_message,
  (SELECT max(m.created_at) FROM messages m
    WHERE m.ticket_key = t.key AND m.local_id LIKE 'm:%') AS last_others_message_at,
  EXISTS (SELECT 1 FROM drafts d WHERE d.key = 'reply:' || t.key AND d.value <> '""') AS has_draft,
  (SELECT json_group_array(trim(json_extract(r.value, '$.name')))
    FROM json_each(t.raw, '$.usuarios_responsaveis') r
    WHERE json_extract(r.value, '$.name') IS NOT NULL) AS responsible_names`;

export function toSummary(row: TicketSummaryRow): TicketSummary {
  return {
    key: row.key,
    id: row.id,
    protocol: row.protocol,
    openedAt: row.opened_at,
    openedAtPrecision: row.opened_at_precision,
    closedAt: row.closed_at,
    closedAtPrecision: row.closed_at_precision,
    status:
      row.status_id === null
        ? null
        : { id: row.status_id, prefix: row.status_prefix ?? '', label: row.status_label ?? '' },
    type: row.type_id === null ? null : { id: row.type_id, label: row.type_label ?? '' },
    customer:
      row.customer_id === null
        ? null
        : {
            id: row.customer_id,
            code: row.customer_code,
            name: row.customer_name ?? '',
            document: row.customer_document,
          },
    serviceId: row.service_id,
    description: row.description,
    sla: { remaining: row.sla_remaining, percentRemaining: row.sla_percent },
    responsibleUserIds: parseIdList(row.responsible_user_ids),
    serverDraft: row.server_draft === 1,
    attachmentCount: row.attachment_count,
    pendingCount: row.pending_count,
    lastMessage: row.last_message === null ? null : snippetOf(row.last_message),
    lastOthersMessageAt: row.last_others_message_at,
    hasReplyDraft: row.has_draft === 1,
    responsibleNames: parseNames(row.responsible_names),
    updatedAt: row.updated_at,
    lastViewedAt: row.last_viewed_at,
    detailFetchedAt: row.detail_fetched_at,
  };
}

/** How much of the newest message the inbox row shows. */
const snippetLength = 140;

/** The start of a message on one line, for the inbox row. */
function snippetOf(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, snippetLength);
}

function parseNames(json: string | null): string[] {
  const parsed: unknown = json === null ? [] : JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
}

function parseIdList(json: string): number[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((v): v is number => typeof v === 'number') : [];
}
