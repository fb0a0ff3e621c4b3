/**
 * Notifications in PostgreSQL (node-postgres), shared by every node on one database: the
 * same tables and columns as SQLite's (server/log/migrations/005_notifications.sql). Open
 * it after the PostgreSQL Store of the same URL and schema: that one applies the
 * migrations. Every node inserts the deliveries of the alert events it hears (the unique
 * (subscription, seq) keeps one); every node's sender claims due ones with FOR UPDATE SKIP
 * LOCKED, so two never take the same delivery at once.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { CountsRow, DeliveryRow, NotifyStore, SubscriptionRow } from './notify-store.ts';
import { scheduleStoreOver } from './schedule-store.ts';
import {
  attemptColumns,
  changedColumns,
  COUNTS_SQL,
  DELIVERY_INSERT_COLUMNS,
  newDeliveryValues,
  newSubscriptionValues,
  SUBSCRIPTION_COLUMNS,
  toCounts,
  toDelivery,
  toSubscription,
} from './notify-store.ts';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const placeholders = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => `$${i + from}`).join(', ');

export async function openPgNotifyStore(opts: {
  url: string;
  schema?: string | undefined;
  poolSize?: number | undefined;
}): Promise<NotifyStore> {
  const schema = opts.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 2,
    application_name: 'nakhoda-notify',
    options: `-c search_path=${schema}`,
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
  });
  // An idle connection that dies (a server restart) must not crash the process.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1 FROM notify_deliveries LIMIT 1');
  } catch (error) {
    await pool.end();
    throw new Error(
      `PostgreSQL notify tables unreadable in schema ${schema} (open the PostgreSQL Store first: it migrates): ${String(error)}`,
      { cause: error },
    );
  }
  const subscriptions = async (text: string, values?: unknown[]) =>
    (await pool.query<SubscriptionRow>(text, values)).rows.map(toSubscription);
  const deliveries = async (text: string, values?: unknown[]) =>
    (await pool.query<DeliveryRow>(text, values)).rows.map(toDelivery);
  const bool = (b: boolean) => b;
  let closing: Promise<void> | null = null;

  return {
    schedules: scheduleStoreOver({
      all: async <R>(sql: string, values: unknown[]) => (await pool.query(sql, values)).rows as R[],
      ph: (n) => `$${n}`,
      bool,
      lock: ' FOR UPDATE SKIP LOCKED',
    }),
    listSubscriptions: () => subscriptions('SELECT * FROM notify_subscriptions ORDER BY name, id'),
    async getSubscription(id) {
      return (await subscriptions('SELECT * FROM notify_subscriptions WHERE id = $1', [id]))[0];
    },
    async createSubscription(s, now) {
      const at = now.toISOString();
      const values = [randomUUID(), ...newSubscriptionValues(s, bool), at, at];
      const [created] = await subscriptions(
        `INSERT INTO notify_subscriptions (id, ${SUBSCRIPTION_COLUMNS.join(', ')}, created_at, updated_at)
         VALUES (${placeholders(values.length)}) RETURNING *`,
        values,
      );
      return created!;
    },
    async updateSubscription(id, changes, now) {
      const set = changedColumns(changes, bool);
      const assignments = [
        ...set.map(([column], i) => `${column} = $${i + 3}`),
        'updated_at = $2',
      ].join(', ');
      const [updated] = await subscriptions(
        `UPDATE notify_subscriptions SET ${assignments} WHERE id = $1 RETURNING *`,
        [id, now.toISOString(), ...set.map(([, v]) => v)],
      );
      return updated;
    },
    async removeSubscription(id) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('DELETE FROM notify_deliveries WHERE subscription_id = $1', [id]);
        const removed = await client.query('DELETE FROM notify_subscriptions WHERE id = $1', [id]);
        await client.query('COMMIT');
        return (removed.rowCount ?? 0) > 0;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async deliveryCounts(since) {
      const { rows } = await pool.query<CountsRow>(COUNTS_SQL('$1'), [since.toISOString()]);
      return toCounts(rows);
    },
    async addDeliveries(list, now) {
      if (list.length === 0) return [];
      const width = DELIVERY_INSERT_COLUMNS.length;
      const rows = list.map((_, i) => `(${placeholders(width, i * width + 1)})`);
      return deliveries(
        `INSERT INTO notify_deliveries (${DELIVERY_INSERT_COLUMNS.join(', ')})
         VALUES ${rows.join(', ')}
         ON CONFLICT (subscription_id, seq) DO NOTHING RETURNING *`,
        list.flatMap((d) => newDeliveryValues(d, now)),
      );
    },
    async claimDue(now, leaseUntil, limit) {
      const claimed = await deliveries(
        `UPDATE notify_deliveries SET next_attempt_at = $1
         WHERE id IN (SELECT id FROM notify_deliveries
                      WHERE status = 'pending' AND next_attempt_at <= $2
                      ORDER BY next_attempt_at, id LIMIT $3
                      FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [leaseUntil.toISOString(), now.toISOString(), limit],
      );
      return claimed.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async recordAttempt(id, outcome, now) {
      const set = attemptColumns(outcome, now);
      const [updated] = await deliveries(
        `UPDATE notify_deliveries
         SET tries = tries + 1, attempts = attempts + 1,
             ${set.map(([c], i) => `${c} = $${i + 2}`).join(', ')}
         WHERE id = $1 RETURNING *`,
        [id, ...set.map(([, v]) => v)],
      );
      return updated;
    },
    async getDelivery(id) {
      return (await deliveries('SELECT * FROM notify_deliveries WHERE id = $1', [id]))[0];
    },
    listDeliveries(q) {
      const where: string[] = [];
      const values: unknown[] = [];
      if (q.status) {
        values.push(q.status);
        where.push(`status = $${values.length}`);
      }
      if (q.subscriptionId) {
        values.push(q.subscriptionId);
        where.push(`subscription_id = $${values.length}`);
      }
      values.push(q.limit);
      return deliveries(
        `SELECT * FROM notify_deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY created_at DESC, id DESC LIMIT $${values.length}`,
        values,
      );
    },
    async replay(id, now) {
      const at = now.toISOString();
      const [replayed] = await deliveries(
        `UPDATE notify_deliveries
         SET status = 'pending', tries = 0, next_attempt_at = $2, updated_at = $2
         WHERE id = $1 AND status = 'dead' RETURNING *`,
        [id, at],
      );
      return replayed;
    },
    close() {
      closing ??= pool.end();
      return closing;
    },
  };
}
