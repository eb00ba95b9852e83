/**
 * The schema, as an ordered list of migrations. Migration n (1-based) brings `user_version` from
 * n-1 to n inside one transaction, so a crash mid-migration leaves the previous version intact.
 * Never edit a shipped migration: append a new one.
 */
import type Database from 'better-sqlite3';
import { StoreError } from './errors';
import { storedPhoneKey } from './phone-keys';

type Migration = (db: Database.Database) => void;

const initialSchema: Migration = (db) => {
  db.exec(`
    -- seq is time-ordered (opening time in ms * 1000 + a small salt) so the FTS index, keyed by it,
    -- can be read newest-first and stop early.
    CREATE TABLE tickets (
      seq INTEGER PRIMARY KEY,
      key TEXT NOT NULL UNIQUE,
      id INTEGER UNIQUE,
      protocol TEXT,
      opened_at TEXT NOT NULL,
      closed_at TEXT,
      is_closed INTEGER GENERATED ALWAYS AS (closed_at IS NOT NULL) VIRTUAL,
      status_id INTEGER,
      status_prefix TEXT,
      status_label TEXT,
      type_id INTEGER,
      type_label TEXT,
      customer_id INTEGER,
      customer_code INTEGER,
      customer_name TEXT,
      customer_document TEXT,
      service_id INTEGER,
      description TEXT,
      closing_description TEXT,
      closing_reason_id INTEGER,
      sla_remaining TEXT,
      sla_percent REAL,
      sla_sort REAL GENERATED ALWAYS AS (coalesce(sla_percent, 1e9)) VIRTUAL,
      responsible_user_ids TEXT NOT NULL DEFAULT '[]',
      opened_by_user_id INTEGER,
      server_draft INTEGER NOT NULL DEFAULT 0,
      attachment_count INTEGER,
      service_orders TEXT NOT NULL DEFAULT '[]',
      raw TEXT NOT NULL DEFAULT '{}',
      -- The server's values of the fields a pending local change overrides, to undo it.
      server_copy TEXT,
      -- Field groups a queued action changed locally ("status", "type", "description", "closed").
      pending_fields TEXT NOT NULL DEFAULT '[]',
      updated_at TEXT NOT NULL,
      last_viewed_at TEXT,
      detail_fetched_at TEXT,
      updated_locally_at TEXT
    );
    -- One index per sort order, each carrying the filter columns so a filtered page or count is
    -- read from the index alone; status and type lead their own, in opening order, for selective
    -- filters.
    CREATE INDEX tickets_opened ON tickets (opened_at, seq, is_closed, status_id, type_id);
    CREATE INDEX tickets_closed_opened ON tickets (is_closed, opened_at, seq, status_id, type_id);
    CREATE INDEX tickets_closed_sla ON tickets (is_closed, sla_sort, seq, status_id, type_id);
    CREATE INDEX tickets_updated ON tickets (updated_at, seq, is_closed, status_id, type_id);
    CREATE INDEX tickets_status ON tickets (status_id, opened_at, seq, is_closed, type_id);
    CREATE INDEX tickets_type ON tickets (type_id, opened_at, seq, is_closed, status_id);
    CREATE INDEX tickets_customer ON tickets (customer_id);

    CREATE TABLE ticket_responsibles (
      ticket_seq INTEGER NOT NULL REFERENCES tickets (seq) ON DELETE CASCADE,
      user_id INTEGER NOT NULL,
      PRIMARY KEY (user_id, ticket_seq)
    ) WITHOUT ROWID;
    CREATE INDEX ticket_responsibles_ticket ON ticket_responsibles (ticket_seq);

    CREATE TABLE messages (
      seq INTEGER PRIMARY KEY,
      local_id TEXT NOT NULL UNIQUE,
      id INTEGER UNIQUE,
      ticket_key TEXT NOT NULL REFERENCES tickets (key) ON DELETE CASCADE,
      text TEXT NOT NULL,
      created_at TEXT NOT NULL,
      pending INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX messages_ticket ON messages (ticket_key, created_at, seq);

    CREATE VIRTUAL TABLE tickets_fts USING fts5 (
      protocol, customer_name, customer_document, description,
      content = 'tickets', content_rowid = 'seq',
      tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
    );
    CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets BEGIN
      INSERT INTO tickets_fts (rowid, protocol, customer_name, customer_document, description)
      VALUES (new.seq, new.protocol, new.customer_name, new.customer_document, new.description);
    END;
    CREATE TRIGGER tickets_fts_delete AFTER DELETE ON tickets BEGIN
      INSERT INTO tickets_fts (tickets_fts, rowid, protocol, customer_name, customer_document, description)
      VALUES ('delete', old.seq, old.protocol, old.customer_name, old.customer_document, old.description);
    END;
    CREATE TRIGGER tickets_fts_update AFTER UPDATE OF protocol, customer_name, customer_document, description
    ON tickets
    WHEN old.protocol IS NOT new.protocol OR old.customer_name IS NOT new.customer_name
      OR old.customer_document IS NOT new.customer_document OR old.description IS NOT new.description
    BEGIN
      INSERT INTO tickets_fts (tickets_fts, rowid, protocol, customer_name, customer_document, description)
      VALUES ('delete', old.seq, old.protocol, old.customer_name, old.customer_document, old.description);
      INSERT INTO tickets_fts (rowid, protocol, customer_name, customer_document, description)
      VALUES (new.seq, new.protocol, new.customer_name, new.customer_document, new.description);
    END;

    -- Prefix indexes up to 8 characters: without one, FTS5 merges the whole posting list of a
    -- prefix before returning its first row (20 ms instead of 1 ms for a common word at 1M).
    CREATE VIRTUAL TABLE messages_fts USING fts5 (
      text, content = 'messages', content_rowid = 'seq',
      tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4 5 6 7 8'
    );
    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
      INSERT INTO messages_fts (rowid, text) VALUES (new.seq, new.text);
    END;
    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.seq, old.text);
    END;
    CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages
    WHEN old.text IS NOT new.text
    BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.seq, old.text);
      INSERT INTO messages_fts (rowid, text) VALUES (new.seq, new.text);
    END;

    CREATE TABLE customers (
      id INTEGER PRIMARY KEY,
      code INTEGER,
      name TEXT NOT NULL,
      -- Lower case without accents, for name search.
      name_folded TEXT NOT NULL,
      document TEXT,
      phones TEXT NOT NULL DEFAULT '[]',
      email TEXT,
      raw TEXT NOT NULL DEFAULT '{}',
      updated_at TEXT NOT NULL
    );
    CREATE INDEX customers_code ON customers (code);
    CREATE INDEX customers_document ON customers (document);
    CREATE INDEX customers_name ON customers (name_folded);

    CREATE TABLE customer_services (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      plan_name TEXT,
      status TEXT,
      address TEXT
    );
    CREATE INDEX customer_services_customer ON customer_services (customer_id);

    CREATE TABLE config_lists (
      name TEXT PRIMARY KEY,
      items TEXT NOT NULL,
      fetched_at TEXT NOT NULL
    );

    CREATE TABLE drafts (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );

    -- No foreign key to tickets: an action outlives a purged or rebuilt cache.
    CREATE TABLE outbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      ticket_key TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('create', 'reply', 'attach', 'update', 'close')),
      payload TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'needs_attention', 'discarded')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT,
      first_failed_at TEXT,
      last_error TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      result TEXT,
      depends_on INTEGER,
      local_ref TEXT
    );
    CREATE INDEX outbox_ticket ON outbox (ticket_key, id);
    CREATE INDEX outbox_open ON outbox (id) WHERE state NOT IN ('sent', 'discarded');

    CREATE TABLE staged_attachments (
      id TEXT PRIMARY KEY,
      original_name TEXT NOT NULL,
      staged_path TEXT NOT NULL,
      size INTEGER NOT NULL,
      mime TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      created_at TEXT NOT NULL
    );

    CREATE TABLE checkpoints (
      name TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
  `);
};

/**
 * Issue 11. How precise each stored date is (the detail answer gives a day only, fact 46), so a
 * day never overwrites an exact time and is shown without one; `deleted_at` as the list rows say
 * it; and `server_draft` in every list index, because the default inbox leaves drafts out and
 * its counts must still be read from an index alone.
 */
const datePrecisionDeletedAndDrafts: Migration = (db) => {
  db.exec(`
    ALTER TABLE tickets ADD COLUMN opened_at_precision TEXT NOT NULL DEFAULT 'time'
      CHECK (opened_at_precision IN ('time', 'day'));
    ALTER TABLE tickets ADD COLUMN closed_at_precision TEXT NOT NULL DEFAULT 'time'
      CHECK (closed_at_precision IN ('time', 'day'));
    ALTER TABLE tickets ADD COLUMN deleted_at TEXT;

    DROP INDEX tickets_opened;
    DROP INDEX tickets_closed_opened;
    DROP INDEX tickets_closed_sla;
    DROP INDEX tickets_updated;
    DROP INDEX tickets_status;
    DROP INDEX tickets_type;
    CREATE INDEX tickets_opened ON tickets (opened_at, seq, is_closed, status_id, type_id, server_draft);
    CREATE INDEX tickets_closed_opened ON tickets (is_closed, opened_at, seq, status_id, type_id, server_draft);
    CREATE INDEX tickets_closed_sla ON tickets (is_closed, sla_sort, seq, status_id, type_id, server_draft);
    CREATE INDEX tickets_updated ON tickets (updated_at, seq, is_closed, status_id, type_id, server_draft);
    CREATE INDEX tickets_status ON tickets (status_id, opened_at, seq, is_closed, type_id, server_draft);
    CREATE INDEX tickets_type ON tickets (type_id, opened_at, seq, is_closed, status_id, server_draft);
  `);
};

/**
 * Sync's bookkeeping of tickets: `gone_at` marks a ticket the server no longer has (deleted there)
 * but kept here for the agent's pending actions; a partial index finds the tickets whose detail
 * (opening text) was never fetched, open ones and newest first, without scanning the rest.
 */
const ticketSyncState: Migration = (db) => {
  db.exec(`
    ALTER TABLE tickets ADD COLUMN gone_at TEXT;
    CREATE INDEX tickets_gone ON tickets (seq) WHERE gone_at IS NOT NULL;
    CREATE INDEX tickets_missing_detail ON tickets (opened_at)
      WHERE detail_fetched_at IS NULL AND id IS NOT NULL;
  `);
};

/**
 * What the outbox needs to read an action back (the attachment count before an upload) lives
 * with the action: a sync checkpoint was deleted by the sign-out purge and not salvaged.
 */
const outboxReadBackState: Migration = (db) => {
  db.exec('ALTER TABLE outbox ADD COLUMN readback_state TEXT');
};

/**
 * SLA as minutes left, parsed from HubSoft's `tempo_restante` text ("-501h 6min", fact 35), so the
 * sidebar's "vencendo em 2 h" and "estourados" views are index ranges ("sem responsável" gets a
 * partial index of its own); and a triage order that
 * puts the tickets closest to breaching first, then the breached ones (they have their own view),
 * then those with only a percentage, then those without an SLA.
 */
const slaMinutesColumns: Migration = (db) => {
  db.exec(`
    ALTER TABLE tickets ADD COLUMN sla_minutes INTEGER GENERATED ALWAYS AS (
      CASE WHEN sla_remaining IS NULL OR instr(sla_remaining, 'h') = 0 THEN NULL
      ELSE (CASE WHEN ltrim(sla_remaining) LIKE '-%' THEN -1 ELSE 1 END) * (
        abs(CAST(substr(sla_remaining, 1, instr(sla_remaining, 'h') - 1) AS INTEGER)) * 60
        + CAST(ltrim(substr(sla_remaining, instr(sla_remaining, 'h') + 1)) AS INTEGER))
      END) VIRTUAL;
    ALTER TABLE tickets ADD COLUMN sla_triage REAL GENERATED ALWAYS AS (
      CASE WHEN sla_minutes >= 0 THEN sla_minutes
      WHEN sla_minutes < 0 THEN 1e9 - sla_minutes
      WHEN sla_percent IS NOT NULL THEN 3e9 + sla_percent
      ELSE 4e9 END) VIRTUAL;
    CREATE INDEX tickets_closed_sla_minutes ON tickets (is_closed, sla_minutes);
    CREATE INDEX tickets_closed_triage ON tickets (is_closed, sla_triage, seq, status_id, type_id);
    CREATE INDEX tickets_closed_at ON tickets (closed_at) WHERE closed_at IS NOT NULL;
    CREATE INDEX tickets_unassigned ON tickets (is_closed, seq) WHERE responsible_user_ids = '[]';
  `);
};

/**
 * Issue 14. A sync page indexes its new rows in one statement per FTS table instead of one
 * trigger run per row: a row trigger writing to FTS5 opens a statement savepoint, and FTS5
 * flushes its pending index to disk at every savepoint, so each row became a segment of its own
 * (3.5x the CPU of one bulk insert, measured). While `fts_deferred` holds its row, which a page
 * write sets and clears inside its own transaction, the insert triggers stand aside and the
 * writer indexes the page's rows itself. Every other insert keeps its trigger.
 */
const bulkIndexedPages: Migration = (db) => {
  db.exec(`
    CREATE TABLE fts_deferred (only INTEGER PRIMARY KEY CHECK (only = 1));

    DROP TRIGGER tickets_fts_insert;
    CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets
    WHEN NOT EXISTS (SELECT 1 FROM fts_deferred)
    BEGIN
      INSERT INTO tickets_fts (rowid, protocol, customer_name, customer_document, description)
      VALUES (new.seq, new.protocol, new.customer_name, new.customer_document, new.description);
    END;

    DROP TRIGGER messages_fts_insert;
    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages
    WHEN NOT EXISTS (SELECT 1 FROM fts_deferred)
    BEGIN
      INSERT INTO messages_fts (rowid, text) VALUES (new.seq, new.text);
    END;
  `);
};

/**
 * Issue 14. Search leaves out tickets gone from the server and the server's drafts; this partial
 * index lists them (a handful, usually none), so a search reads it once instead of each hit's row.
 */
const ticketsHiddenFromSearch: Migration = (db) => {
  db.exec(`
    CREATE INDEX tickets_hidden_from_search ON tickets (seq)
      WHERE gone_at IS NOT NULL OR server_draft = 1;
  `);
};

/**
 * Issue 14. The inbox's exact total without walking every matching index entry (count(*) over
 * 75k open tickets took 3-8 ms): the tickets counted per closed/status/type/draft combination,
 * kept by triggers as rows come, change and go. A list filtered only by those sums a few rows;
 * other filters still count. A missing status or type is counted under -1.
 */
export const ticketCounts: Migration = (db) => {
  db.exec(`
    CREATE TABLE ticket_counts (
      is_closed INTEGER NOT NULL,
      status_id INTEGER NOT NULL,
      type_id INTEGER NOT NULL,
      server_draft INTEGER NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (is_closed, status_id, type_id, server_draft)
    ) WITHOUT ROWID;
    INSERT INTO ticket_counts (is_closed, status_id, type_id, server_draft, n)
      SELECT closed_at IS NOT NULL, coalesce(status_id, -1), coalesce(type_id, -1), server_draft,
        count(*)
      FROM tickets GROUP BY 1, 2, 3, 4;

    CREATE TRIGGER ticket_counts_insert AFTER INSERT ON tickets BEGIN
      INSERT INTO ticket_counts (is_closed, status_id, type_id, server_draft, n)
      VALUES (new.closed_at IS NOT NULL, coalesce(new.status_id, -1), coalesce(new.type_id, -1),
        new.server_draft, 1)
      ON CONFLICT DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER ticket_counts_delete AFTER DELETE ON tickets BEGIN
      UPDATE ticket_counts SET n = n - 1
      WHERE is_closed = (old.closed_at IS NOT NULL) AND status_id = coalesce(old.status_id, -1)
        AND type_id = coalesce(old.type_id, -1) AND server_draft = old.server_draft;
    END;
    CREATE TRIGGER ticket_counts_update AFTER UPDATE OF closed_at, status_id, type_id, server_draft
    ON tickets
    WHEN (old.closed_at IS NULL) IS NOT (new.closed_at IS NULL) OR old.status_id IS NOT new.status_id
      OR old.type_id IS NOT new.type_id OR old.server_draft IS NOT new.server_draft
    BEGIN
      UPDATE ticket_counts SET n = n - 1
      WHERE is_closed = (old.closed_at IS NOT NULL) AND status_id = coalesce(old.status_id, -1)
        AND type_id = coalesce(old.type_id, -1) AND server_draft = old.server_draft;
      INSERT INTO ticket_counts (is_closed, status_id, type_id, server_draft, n)
      VALUES (new.closed_at IS NOT NULL, coalesce(new.status_id, -1), coalesce(new.type_id, -1),
        new.server_draft, 1)
      ON CONFLICT DO UPDATE SET n = n + 1;
    END;
  `);
};

/**
 * The outbox's kinds come from the action registry (main/actions), validated whenever a row is
 * read: the first schema's CHECK on `kind` would refuse every kind added since. SQLite cannot
 * drop a CHECK, so the table is rebuilt as it is, ids and AUTOINCREMENT counter kept.
 */
const outboxKindsFromRegistry: Migration = (db) => {
  db.exec(`
    CREATE TABLE outbox_next (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      ticket_key TEXT NOT NULL,
      kind TEXT NOT NULL,
      payload TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'needs_attention', 'discarded')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT,
      first_failed_at TEXT,
      last_error TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      result TEXT,
      depends_on INTEGER,
      local_ref TEXT,
      readback_state TEXT
    );
    INSERT INTO outbox_next (id, ticket_key, kind, payload, state, attempts, next_attempt_at,
      first_failed_at, last_error, created_at, updated_at, result, depends_on, local_ref,
      readback_state)
    SELECT id, ticket_key, kind, payload, state, attempts, next_attempt_at, first_failed_at,
      last_error, created_at, updated_at, result, depends_on, local_ref, readback_state
    FROM outbox;
    DELETE FROM sqlite_sequence WHERE name = 'outbox_next';
    INSERT INTO sqlite_sequence (name, seq)
      SELECT 'outbox_next', seq FROM sqlite_sequence WHERE name = 'outbox';
    DROP TABLE outbox;
    ALTER TABLE outbox_next RENAME TO outbox;
    CREATE INDEX outbox_ticket ON outbox (ticket_key, id);
    CREATE INDEX outbox_open ON outbox (id) WHERE state NOT IN ('sent', 'discarded');
  `);
};

/**
 * Issue 12, the look before sending: what the agent had seen of the ticket when a reply or close
 * was queued (see look-before.ts), on the action's row. A file rewound to an earlier version by
 * hand (tests do it to replay one migration) may have the column already.
 */
export const outboxLookBefore: Migration = (db) => {
  const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('outbox');
  if (!columns.includes('look_before')) db.exec('ALTER TABLE outbox ADD COLUMN look_before TEXT');
};

/**
 * Issue 13. Numbers found anywhere in them: a trigram index of protocols, so "4512" finds
 * 2024084512…, and phone keys (digits reversed, see phone-keys.ts) of customers and of each
 * ticket's opening contact, so a number typed with or without mask, DDD or +55 finds its
 * tickets. Written to run again over its own tables (a test rewinds `user_version`).
 */
export const numbersSearchedAnywhere: Migration = (db) => {
  db.exec(`
    CREATE VIRTUAL TABLE IF NOT EXISTS protocols_fts USING fts5 (
      protocol, content = 'tickets', content_rowid = 'seq', tokenize = 'trigram'
    );
    INSERT INTO protocols_fts (protocols_fts) VALUES ('rebuild');
    DROP TRIGGER IF EXISTS protocols_fts_insert;
    CREATE TRIGGER protocols_fts_insert AFTER INSERT ON tickets
    WHEN NOT EXISTS (SELECT 1 FROM fts_deferred)
    BEGIN
      INSERT INTO protocols_fts (rowid, protocol) VALUES (new.seq, new.protocol);
    END;
    DROP TRIGGER IF EXISTS protocols_fts_delete;
    CREATE TRIGGER protocols_fts_delete AFTER DELETE ON tickets BEGIN
      INSERT INTO protocols_fts (protocols_fts, rowid, protocol) VALUES ('delete', old.seq, old.protocol);
    END;
    DROP TRIGGER IF EXISTS protocols_fts_update;
    CREATE TRIGGER protocols_fts_update AFTER UPDATE OF protocol ON tickets
    WHEN old.protocol IS NOT new.protocol
    BEGIN
      INSERT INTO protocols_fts (protocols_fts, rowid, protocol) VALUES ('delete', old.seq, old.protocol);
      INSERT INTO protocols_fts (rowid, protocol) VALUES (new.seq, new.protocol);
    END;

    CREATE TABLE IF NOT EXISTS customer_phones (
      phone_key TEXT NOT NULL,
      customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      phone TEXT NOT NULL,
      PRIMARY KEY (phone_key, customer_id)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS customer_phones_customer ON customer_phones (customer_id);
    CREATE TABLE IF NOT EXISTS contact_phones (
      phone_key TEXT NOT NULL,
      ticket_seq INTEGER NOT NULL REFERENCES tickets (seq) ON DELETE CASCADE,
      phone TEXT NOT NULL,
      PRIMARY KEY (phone_key, ticket_seq)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS contact_phones_ticket ON contact_phones (ticket_seq);
  `);
  const addCustomerPhone = db.prepare(
    'INSERT OR IGNORE INTO customer_phones (phone_key, customer_id, phone) VALUES (?, ?, ?)',
  );
  const customers = db.prepare('SELECT id, phones FROM customers').all() as {
    id: number;
    phones: string;
  }[];
  for (const customer of customers) {
    for (const phone of JSON.parse(customer.phones) as string[]) {
      const key = storedPhoneKey(phone);
      if (key !== null) addCustomerPhone.run(key, customer.id, phone);
    }
  }
  const addContactPhone = db.prepare(
    'INSERT OR IGNORE INTO contact_phones (phone_key, ticket_seq, phone) VALUES (?, ?, ?)',
  );
  const contacts = db
    .prepare(
      `SELECT t.seq, json_extract(t.raw, '$.telefone_contato') AS phone FROM tickets t
       WHERE json_extract(t.raw, '$.telefone_contato') IS NOT NULL
       UNION ALL
       SELECT t.seq, json_extract(o.payload, '$.phone') FROM outbox o
       JOIN tickets t ON t.key = o.ticket_key WHERE o.kind = 'create'`,
    )
    .all() as { seq: number; phone: unknown }[];
  for (const contact of contacts) {
    if (typeof contact.phone !== 'string') continue;
    const key = storedPhoneKey(contact.phone);
    if (key !== null) addContactPhone.run(key, contact.seq, contact.phone);
  }
};

export const migrations: readonly Migration[] = [
  initialSchema,
  datePrecisionDeletedAndDrafts,
  ticketSyncState,
  outboxReadBackState,
  slaMinutesColumns,
  bulkIndexedPages,
  ticketsHiddenFromSearch,
  ticketCounts,
  outboxKindsFromRegistry,
  outboxLookBefore,
  numbersSearchedAnywhere,
];

export const schemaVersion = migrations.length;

/** Brings the file to the current schema; each step is its own transaction. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > schemaVersion) {
    throw new StoreError(
      'schema_too_new',
      'O banco de dados local foi criado por uma versão mais nova do HubDesk. Atualize o aplicativo.',
    );
  }
  for (const [index, step] of migrations.entries()) {
    const version = index + 1;
    if (version <= current) continue;
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${version}`);
    }).immediate();
  }
}
