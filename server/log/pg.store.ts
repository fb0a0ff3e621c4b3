/**
 * PostgreSQL implementation of the Store (node-postgres), for several nodes on one log.
 * Same tables and semantics as the SQLite store: the events table is the source of truth;
 * the incidents and alerts tables are its projections, written in the same transaction by
 * the shared reducers. Migrations (pg-migrate.ts) run when the store opens.
 *
 * Why the global seq is gap-free and in commit order
 * --------------------------------------------------
 * Readers follow the log by seq (`eventsAfter(last)`): one that sees seq 11 before 10 has
 * committed skips 10 for ever. So seq order must be commit order, and no seq may be lost.
 * - A SEQUENCE gives neither: nextval is not transactional (a rollback leaves a gap) and
 *   two appenders that take 10 and 11 may commit 11 first.
 * - Here every append transaction first locks the one row of `log_head`
 *   (`SELECT seq FROM log_head FOR UPDATE`), numbers its events from it, writes them, sets
 *   the head to the last seq and commits. The row lock is held to commit, so appenders run
 *   one after another from head to commit: the next one's lock is granted only after the
 *   previous one has committed (or rolled back, undoing its numbers too), and under READ
 *   COMMITTED its later statements see everything that one wrote. A snapshot that shows seq
 *   11 therefore shows 10: commit order is seq order, with no gap, on every node.
 * - `pg_advisory_xact_lock(k)` then `SELECT max(seq)` serializes the same way; the head row
 *   is preferred because the lock lives in the schema it guards (a migration, a restore,
 *   psql all see it), `latestSeq` becomes a one-row read, and moving the head is where the
 *   append NOTIFYs the schema's channel (delivered at commit, in commit order) so other
 *   nodes wake and read the log (pg-listen.ts). `LOCK TABLE events IN EXCLUSIVE MODE` would also serialize, but
 *   clashes with autovacuum and index builds on the busiest table.
 * - The price is one appender at a time across all nodes, holding the head for a few round
 *   trips. Group commit (`appendBatch`: many commands, one transaction, one head lock) is
 *   how throughput grows, and pg-append.ts keeps a whole group to three round trips (with
 *   the head's lock and move, five) whatever its size.
 * Readers never take the lock: `eventsAfter` and the rest read committed rows only.
 *
 * Long reads (exports, replay) take keyset pages, each one query on a pooled connection,
 * so a consumer that reads slowly never holds a connection or a snapshot open.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import pg from 'pg';
import type { Alert } from '../../shared/domain/alerts.ts';
import type { Incident } from '../../shared/domain/types.ts';
import { alertQuerySql } from './alert-rows.ts';
import { appendItems, WriteRefused } from './pg-append.ts';
import { migrate } from './pg-migrate.ts';
import { logChannel, watchChannel } from './pg-listen.ts';
import { inTransaction } from './pg-transaction.ts';
import type { EventRow } from './pg-queries.ts';
import { findExternalIds, incidentPageSql, queryIncidents, rowToEvent, SQL } from './pg-queries.ts';
import { FACT_COLUMNS, toFacts, type FactsTuple } from './fact-columns.ts';
import type { AppendItem, AppendItemResult, AppendResult, Store } from './store.ts';

/** Rows per page of a long read. */
const PAGE = 500;

export interface PgStoreOptions {
  /** postgres://user@host:port/database */
  url: string;
  /** The schema holding the log (created if missing): one database can hold several. */
  schema?: string;
  /** Connections in the pool; appends use one at a time, reads the rest. */
  poolSize?: number;
}

/** Seqs are bigint in the database and numbers here: a log will not pass 2^53 events. */
const TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** No append waits this long between two of its statements unless its node is stuck. */
const IDLE_IN_TX_MS = 10_000;

/** A schema name that is also safe in SQL text and in its log channel's name (pg-listen.ts). */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

export async function openPgStore(opts: PgStoreOptions): Promise<Store> {
  const schema = opts.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    types: TYPES,
    // A node frozen inside an append (stopped, not killed) would hold the log head and stall
    // every node: the server ends such a transaction after this long idle.
    options: `-c search_path=${schema} -c idle_in_transaction_session_timeout=${IDLE_IN_TX_MS}`,
  });
  // An idle connection that dies (a server restart) must not crash the process; the next
  // query gets a fresh connection or a clear error.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    // Checked out, the client's errors reach no one unless heard here (pg-transaction.ts).
    client.on('error', () => undefined);
    try {
      await migrate(client, schema);
    } finally {
      // Destroyed rather than pooled: the migration runner changed its session settings.
      client.release(true);
    }
  } catch (error) {
    await pool.end();
    throw error;
  }

  let closed = false;
  const channel = logChannel(schema);
  const query = async <R extends object>(text: string, values?: unknown[]) =>
    (await pool.query<R>(text, values)).rows;

  /** Runs `work` in a transaction on one pooled connection (pg-transaction.ts). */
  const transaction = <T>(begin: string, work: (client: pg.PoolClient) => Promise<T>) =>
    inTransaction(pool, begin, work);

  /** An append transaction: `work` gets the seq before it with the log head locked. */
  const withHead = <T>(
    work: (client: pg.PoolClient, seq: number) => Promise<{ value: T; seq: number }>,
  ) =>
    transaction('BEGIN', async (client) => {
      const head = await client.query<{ seq: number }>(SQL.lockHead);
      const before = head.rows[0]!.seq;
      const { value, seq } = await work(client, before);
      if (seq !== before) await client.query(SQL.setHead, [seq, channel]);
      return value;
    });

  /** The group in one transaction: a few round trips whatever its size (pg-append.ts). */
  const appendGroup = (items: AppendItem[]) =>
    withHead(async (client, before) => {
      const done = await appendItems(client, items, before);
      return { value: done.results, seq: done.seq };
    });

  /**
   * The group in one transaction, one item per savepoint: only after the database refused
   * a group's write for a reason pg-append.ts could not see coming.
   */
  const appendOneByOne = (items: AppendItem[]) =>
    withHead(async (client, before) => {
      let seq = before;
      const results: AppendItemResult[] = [];
      for (const item of items) {
        await client.query('SAVEPOINT item');
        try {
          const done = await appendItems(client, [item], seq);
          seq = done.seq;
          results.push(done.results[0]!);
        } catch (error) {
          if (!(error instanceof WriteRefused)) throw error;
          await client.query('ROLLBACK TO SAVEPOINT item');
          results.push({ status: 'failed', error: error.cause });
          continue;
        }
        await client.query('RELEASE SAVEPOINT item');
      }
      return { value: results, seq };
    });

  return {
    kind: 'postgres',
    async append(events, opts): Promise<AppendResult> {
      let result: AppendItemResult;
      try {
        [result] = (await appendGroup([{ events, unique: opts?.unique }])) as [AppendItemResult];
      } catch (error) {
        throw error instanceof WriteRefused ? error.cause : error;
      }
      // Refused, it throws as in SQLite: `failed` is only for an item of a batch.
      if (result.status === 'failed') throw result.error;
      return result;
    },
    async appendBatch(items: AppendItem[]) {
      if (items.length === 0) return [];
      try {
        return await appendGroup(items);
      } catch (error) {
        if (!(error instanceof WriteRefused)) throw error;
        // Rolled back, head released: again, one item at a time, so the bad one fails alone.
        if (items.length === 1) return [{ status: 'failed', error: error.cause }];
        return appendOneByOne(items);
      }
    },
    async incidentIdsFor(keys) {
      return keys.length === 0 ? new Map() : findExternalIds(pool, keys);
    },
    async incidentIdFor(source, externalId) {
      return (await query<{ id: string }>(SQL.findExternal, [source, externalId]))[0]?.id;
    },
    async eventsAfter(after, limit) {
      return (await query<EventRow>(SQL.after, [after, limit])).map(rowToEvent);
    },
    async eventsForIncident(id) {
      return (await query<EventRow>(SQL.forIncident, [id])).map(rowToEvent);
    },
    async latestSeq() {
      return (await query<{ seq: number }>(SQL.head))[0]!.seq;
    },
    async getIncident(id) {
      return (await query<{ doc: Incident }>(SQL.getDoc, [id]))[0]?.doc;
    },
    async getAlert(id) {
      return (await query<{ doc: Alert }>(SQL.getAlert, [id]))[0]?.doc;
    },
    async linkedReports(masterId) {
      return (await query<{ doc: Incident }>(SQL.linked, [masterId])).map((r) => r.doc);
    },
    async loadLive(endedSince) {
      // One snapshot for all reads, so the incidents and alerts are exactly those at that seq.
      return transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => {
        const head = await client.query<{ seq: number }>(SQL.head);
        const live = await client.query<{ doc: Incident }>(SQL.live, [endedSince]);
        const alerts = await client.query<{ doc: Alert }>(SQL.liveAlerts, [endedSince]);
        return {
          seq: head.rows[0]!.seq,
          incidents: live.rows.map((r) => r.doc),
          alerts: alerts.rows.map((r) => r.doc),
        };
      });
    },
    async queryIncidents(q) {
      return queryIncidents(pool, q);
    },
    async queryAlerts(q) {
      const values: unknown[] = [];
      const sql = alertQuerySql(q, (value) => `$${values.push(value)}`);
      return (await query<{ doc: Alert }>(sql, values)).map((r) => r.doc);
    },
    async *iterateIncidents(q) {
      let after: { reportedAt: string; id: string } | null = null;
      for (;;) {
        const { sql, values } = incidentPageSql(q, after, PAGE);
        const rows = await query<{ doc: Incident }>(sql, values);
        for (const row of rows) yield row.doc;
        const last = rows[rows.length - 1];
        if (rows.length < PAGE || !last) return;
        after = { reportedAt: last.doc.reportedAt, id: last.doc.id };
      }
    },
    async briefingFacts(since, to) {
      // Two index-friendly halves instead of one OR, as rows of arrays: cheaper than objects.
      const facts = async (sql: string, values: string[]) =>
        (await pool.query<FactsTuple>({ text: sql, values, rowMode: 'array' })).rows;
      const [recent, older] = await Promise.all([
        facts(
          `SELECT ${FACT_COLUMNS} FROM incidents WHERE reported_at >= $1 AND reported_at < $2`,
          [since, to],
        ),
        facts(
          `SELECT ${FACT_COLUMNS} FROM incidents
           WHERE reported_at < $1 AND (ended_at IS NULL OR ended_at >= $1)`,
          [since],
        ),
      ]);
      return [...recent.map(toFacts), ...older.map(toFacts)];
    },
    async *iterateByOccurrence(after, until) {
      // Past every seq at `after`: the first page starts strictly after that field time.
      let rows =
        after === null
          ? await query<EventRow>(SQL.occurredFirst, [until, PAGE])
          : await query<EventRow>(SQL.occurredNext, [after, Number.MAX_SAFE_INTEGER, until, PAGE]);
      for (;;) {
        for (const row of rows) yield rowToEvent(row);
        const last = rows[rows.length - 1];
        if (rows.length < PAGE || !last) return;
        rows = await query<EventRow>(SQL.occurredNext, [last.occurred_at, last.seq, until, PAGE]);
      }
    },
    async countByOccurrence(after, until, cap) {
      return (await query<{ n: number }>(SQL.countOccurred, [after, until, cap]))[0]?.n ?? 0;
    },
    async *iterateAliveAt(at, endedSince) {
      const ids = (await query<{ id: string }>(SQL.aliveAt, [at, endedSince])).map((r) => r.id);
      for (let i = 0; i < ids.length; i += PAGE) {
        if (i > 0) await nextTurn();
        const rows = await query<EventRow>(SQL.eventsOfUntil, [ids.slice(i, i + PAGE), at]);
        for (const row of rows) yield rowToEvent(row);
      }
    },
    watchHead(onHead, onState) {
      return watchChannel({
        url: opts.url,
        channel,
        onNotify: (payload) => onHead(Number(payload)),
        onState,
      });
    },
    poolStats() {
      return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
