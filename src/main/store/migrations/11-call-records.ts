/**
 * Schema 11: one call-record store across carriers (issue 17).
 *
 * - `cdr_accounts` gives each account with records a small integer key, so ten million rows carry 8 bytes
 *   in the table and in each index instead of a 36-character id (and deleting the account still cascades).
 * - `cdr_ingests`: each file read or range fetched, what it covered and what came of it; a record points at
 *   the ingest that first brought it, whose CSV header (if any) reads its raw line back.
 * - `call_records`: every record of every carrier. Unique per (start, account, carrier id), which is also the
 *   time index every range query walks (records arrive in time order, so the index grows at its end); one
 *   number's records have an index of their own.
 * - Rollups kept at ingest, so KPIs over millions of records read thousands of rows: per UTC hour (direction,
 *   disposition, trunk, cause), per UTC day and number of ours, per UTC day and destination, and the last
 *   call per number of ours.
 *
 * The records cached before (`cdr_records`: Call48 XDRs of the last days) are carried over with what their
 * raw XDR tells (billed seconds, the account's DID), then that table is dropped.
 */
import type { Migration } from './migration'

export const migration11: Migration = {
  version: 11,
  name: 'call records across carriers, with rollups',
  sql: `
      CREATE TABLE cdr_accounts (
        account_key INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL UNIQUE REFERENCES accounts (id) ON DELETE CASCADE,
        carrier TEXT NOT NULL
      );

      -- Records before this moment were pruned (the retention setting): the cache no longer covers them.
      CREATE TABLE cdr_pruned (
        account_key INTEGER PRIMARY KEY REFERENCES cdr_accounts (account_key) ON DELETE CASCADE,
        value INTEGER NOT NULL
      );

      CREATE TABLE cdr_ingests (
        ingest_id INTEGER PRIMARY KEY,
        account_key INTEGER NOT NULL REFERENCES cdr_accounts (account_key) ON DELETE CASCADE,
        source TEXT NOT NULL,
        window_from INTEGER,
        window_to INTEGER,
        raw_header TEXT,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        state TEXT NOT NULL,
        rows_read INTEGER NOT NULL DEFAULT 0,
        rows_added INTEGER NOT NULL DEFAULT 0,
        rows_rejected INTEGER NOT NULL DEFAULT 0,
        problems TEXT
      );
      CREATE INDEX cdr_ingests_source ON cdr_ingests (account_key, source);

      CREATE TABLE call_records (
        seq INTEGER PRIMARY KEY,
        account_key INTEGER NOT NULL REFERENCES cdr_accounts (account_key) ON DELETE CASCADE,
        record_id TEXT NOT NULL,
        ingest_id INTEGER NOT NULL,
        direction TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        answered_at INTEGER,
        ended_at INTEGER,
        from_number TEXT NOT NULL,
        to_number TEXT NOT NULL,
        our_number TEXT,
        other_number TEXT NOT NULL,
        destination TEXT NOT NULL,
        trunk TEXT,
        duration_seconds INTEGER NOT NULL,
        billed_seconds INTEGER NOT NULL,
        disposition TEXT NOT NULL,
        cause_code TEXT,
        cause_text TEXT,
        cost REAL,
        raw TEXT NOT NULL
      );
      CREATE UNIQUE INDEX call_records_time ON call_records (started_at, account_key, record_id);
      CREATE INDEX call_records_number ON call_records (account_key, our_number, started_at);

      CREATE TABLE cdr_hourly (
        account_key INTEGER NOT NULL REFERENCES cdr_accounts (account_key) ON DELETE CASCADE,
        hour INTEGER NOT NULL,
        direction TEXT NOT NULL,
        disposition TEXT NOT NULL,
        trunk TEXT NOT NULL,
        cause TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        answered INTEGER NOT NULL,
        billed_seconds INTEGER NOT NULL,
        cost REAL NOT NULL,
        PRIMARY KEY (account_key, hour, direction, disposition, trunk, cause)
      ) WITHOUT ROWID;

      CREATE TABLE cdr_daily_numbers (
        account_key INTEGER NOT NULL REFERENCES cdr_accounts (account_key) ON DELETE CASCADE,
        day INTEGER NOT NULL,
        our_number TEXT NOT NULL,
        direction TEXT NOT NULL,
        disposition TEXT NOT NULL,
        trunk TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        answered INTEGER NOT NULL,
        billed_seconds INTEGER NOT NULL,
        cost REAL NOT NULL,
        PRIMARY KEY (account_key, day, our_number, direction, disposition, trunk)
      ) WITHOUT ROWID;

      CREATE TABLE cdr_daily_destinations (
        account_key INTEGER NOT NULL REFERENCES cdr_accounts (account_key) ON DELETE CASCADE,
        day INTEGER NOT NULL,
        destination TEXT NOT NULL,
        direction TEXT NOT NULL,
        disposition TEXT NOT NULL,
        trunk TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        answered INTEGER NOT NULL,
        billed_seconds INTEGER NOT NULL,
        cost REAL NOT NULL,
        PRIMARY KEY (account_key, day, destination, direction, disposition, trunk)
      ) WITHOUT ROWID;

      CREATE TABLE cdr_number_last (
        account_key INTEGER NOT NULL REFERENCES cdr_accounts (account_key) ON DELETE CASCADE,
        our_number TEXT NOT NULL,
        last_at INTEGER NOT NULL,
        PRIMARY KEY (account_key, our_number)
      ) WITHOUT ROWID;

      -- The records cached before, carried over.
      INSERT INTO cdr_accounts (account_id, carrier)
        SELECT account_id, min(carrier) FROM cdr_records GROUP BY account_id;
      INSERT INTO cdr_ingests (account_key, source, window_from, window_to, started_at, finished_at, state, rows_read, rows_added)
        SELECT a.account_key, 'migrated', min(r.started_at), max(r.started_at) + 1, 0, 0, 'done', count(*), count(*)
        FROM cdr_records r JOIN cdr_accounts a ON a.account_id = r.account_id GROUP BY a.account_key;
      CREATE TEMP TABLE migrated AS
        SELECT a.account_key, r.id, r.started_at, r.from_number, r.to_number, r.duration_seconds, r.disposition AS said,
          r.cost, r.raw,
          CASE WHEN json_valid(r.raw) AND json_type(r.raw, '$.charged_quantity') IN ('integer', 'real', 'text')
            THEN CAST(json_extract(r.raw, '$.charged_quantity') AS INTEGER)
            WHEN upper(r.disposition) = 'ANSWERED' THEN r.duration_seconds ELSE 0 END AS billed,
          CASE WHEN json_valid(r.raw) AND json_type(r.raw, '$.account_id') = 'text'
            THEN '+' || json_extract(r.raw, '$.account_id') END AS ours,
          CASE WHEN json_valid(r.raw) AND json_type(r.raw, '$.disconnect_cause') IN ('integer', 'text')
            THEN CAST(json_extract(r.raw, '$.disconnect_cause') AS TEXT) END AS cause_code
        FROM cdr_records r JOIN cdr_accounts a ON a.account_id = r.account_id;
      INSERT OR IGNORE INTO call_records (account_key, record_id, ingest_id, direction, started_at, ended_at, from_number,
          to_number, our_number, other_number, destination, trunk, duration_seconds, billed_seconds, disposition, cause_code,
          cause_text, cost, raw)
        SELECT m.account_key, m.id, (SELECT max(ingest_id) FROM cdr_ingests i WHERE i.account_key = m.account_key),
          CASE WHEN m.ours = m.from_number THEN 'termination' ELSE 'origination' END,
          m.started_at, m.started_at + m.duration_seconds * 1000, m.from_number, m.to_number, m.ours,
          CASE WHEN m.ours = m.from_number THEN m.to_number ELSE m.from_number END,
          CASE WHEN (CASE WHEN m.ours = m.from_number THEN m.to_number ELSE m.from_number END) LIKE '+1__________'
            THEN '+1 ' || substr(CASE WHEN m.ours = m.from_number THEN m.to_number ELSE m.from_number END, 3, 3) ELSE 'other' END,
          NULL, m.duration_seconds, m.billed,
          CASE WHEN m.billed > 0 THEN 'answered'
            WHEN lower(m.said) LIKE '%busy%' THEN 'busy'
            WHEN lower(m.said) LIKE '%no answer%' OR lower(m.said) LIKE '%no user responding%' THEN 'no-answer'
            WHEN lower(m.said) LIKE '%cancel%' OR lower(m.said) LIKE '%normal, unspecified%' THEN 'cancelled'
            WHEN lower(m.said) LIKE '%normal call clearing%' OR upper(m.said) = 'ANSWERED' THEN 'other'
            ELSE 'failed' END,
          m.cause_code, m.said, m.cost, m.raw
        FROM migrated m;
      DROP TABLE temp.migrated;
      INSERT INTO cdr_hourly
        SELECT account_key, started_at - started_at % 3600000, direction, disposition, coalesce(trunk, ''),
          coalesce(cause_code || ' ', '') || coalesce(cause_text, ''), count(*), sum(billed_seconds > 0), sum(billed_seconds),
          coalesce(sum(cost), 0)
        FROM call_records GROUP BY 1, 2, 3, 4, 5, 6;
      INSERT INTO cdr_daily_numbers
        SELECT account_key, started_at - started_at % 86400000, our_number, direction, disposition, coalesce(trunk, ''),
          count(*), sum(billed_seconds > 0), sum(billed_seconds), coalesce(sum(cost), 0)
        FROM call_records WHERE our_number IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6;
      INSERT INTO cdr_daily_destinations
        SELECT account_key, started_at - started_at % 86400000, destination, direction, disposition, coalesce(trunk, ''),
          count(*), sum(billed_seconds > 0), sum(billed_seconds), coalesce(sum(cost), 0)
        FROM call_records GROUP BY 1, 2, 3, 4, 5, 6;
      INSERT INTO cdr_number_last
        SELECT account_key, our_number, max(started_at) FROM call_records WHERE our_number IS NOT NULL GROUP BY 1, 2;
      DROP TABLE cdr_records;
    `,
}
