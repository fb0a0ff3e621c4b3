/**
 * Notifications in SQLite (better-sqlite3), in the event log's file: the embedded default,
 * one node. Synchronous inside, asynchronous outside, like every NotifyStore; a claim is
 * one UPDATE … RETURNING, so it is atomic even with a second process on the file.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CountsRow, DeliveryRow, NotifyStore, SubscriptionRow } from './notify-store.ts';
import { scheduleStoreOver, SQLITE_SCHEDULE_SCHEMA } from './schedule-store.ts';
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

const SCHEMA = `
CREATE TABLE IF NOT EXISTS notify_subscriptions (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, channel TEXT NOT NULL, url TEXT, emails TEXT,
  secret TEXT, filter TEXT NOT NULL, enabled INTEGER NOT NULL, created_by TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS notify_deliveries (
  id TEXT PRIMARY KEY, subscription_id TEXT NOT NULL, seq INTEGER, event_type TEXT NOT NULL,
  alert_id TEXT, summary TEXT NOT NULL, body TEXT NOT NULL, status TEXT NOT NULL,
  tries INTEGER NOT NULL, attempts INTEGER NOT NULL, next_attempt_at TEXT,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, delivered_at TEXT,
  last_status INTEGER, last_error TEXT,
  UNIQUE (subscription_id, seq)
);
CREATE INDEX IF NOT EXISTS notify_deliveries_due ON notify_deliveries (status, next_attempt_at);
CREATE INDEX IF NOT EXISTS notify_deliveries_status
  ON notify_deliveries (status, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS notify_deliveries_subscription
  ON notify_deliveries (subscription_id, created_at DESC);
`;

const bool = (b: boolean) => (b ? 1 : 0);

export function openSqliteNotifyStore(file: string): NotifyStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  db.exec(SQLITE_SCHEDULE_SCHEMA);
  const getSubscription = (id: string) => {
    const r = db.prepare('SELECT * FROM notify_subscriptions WHERE id = ?').get(id) as
      SubscriptionRow | undefined;
    return r && toSubscription(r);
  };
  const getDelivery = (id: string) => {
    const r = db.prepare('SELECT * FROM notify_deliveries WHERE id = ?').get(id) as
      DeliveryRow | undefined;
    return r && toDelivery(r);
  };
  const insertDelivery = db.prepare(
    `INSERT INTO notify_deliveries (${DELIVERY_INSERT_COLUMNS.join(', ')})
     VALUES (${DELIVERY_INSERT_COLUMNS.map(() => '?').join(', ')})
     ON CONFLICT (subscription_id, seq) DO NOTHING RETURNING *`,
  );
  const removeSubscription = db.transaction((id: string) => {
    db.prepare('DELETE FROM notify_deliveries WHERE subscription_id = ?').run(id);
    return db.prepare('DELETE FROM notify_subscriptions WHERE id = ?').run(id).changes > 0;
  });

  return {
    schedules: scheduleStoreOver({
      // Named parameters: a statement may use one value twice.
      all: async <R>(sql: string, values: unknown[]) =>
        db.prepare(sql).all(Object.fromEntries(values.map((v, i) => [`p${i + 1}`, v]))) as R[],
      ph: (n) => `$p${n}`,
      bool,
      lock: '',
    }),
    listSubscriptions: async () =>
      (
        db
          .prepare('SELECT * FROM notify_subscriptions ORDER BY name, id')
          .all() as SubscriptionRow[]
      ).map(toSubscription),
    getSubscription: async (id) => getSubscription(id),
    async createSubscription(s, now) {
      const id = randomUUID();
      const at = now.toISOString();
      db.prepare(
        `INSERT INTO notify_subscriptions (id, ${SUBSCRIPTION_COLUMNS.join(', ')}, created_at, updated_at)
         VALUES (?, ${SUBSCRIPTION_COLUMNS.map(() => '?').join(', ')}, ?, ?)`,
      ).run(id, ...newSubscriptionValues(s, bool), at, at);
      return getSubscription(id)!;
    },
    async updateSubscription(id, changes, now) {
      const set = changedColumns(changes, bool);
      const assignments = [...set.map(([column]) => `${column} = ?`), 'updated_at = ?'];
      db.prepare(`UPDATE notify_subscriptions SET ${assignments.join(', ')} WHERE id = ?`).run(
        ...set.map(([, v]) => v),
        now.toISOString(),
        id,
      );
      return getSubscription(id);
    },
    removeSubscription: async (id) => removeSubscription(id),
    async deliveryCounts(since) {
      return toCounts(db.prepare(COUNTS_SQL('?')).all(since.toISOString()) as CountsRow[]);
    },
    async addDeliveries(deliveries, now) {
      const inserted = db.transaction(() =>
        deliveries.flatMap((d) => {
          const r = insertDelivery.get(...newDeliveryValues(d, now)) as DeliveryRow | undefined;
          return r ? [toDelivery(r)] : [];
        }),
      );
      return inserted();
    },
    async claimDue(now, leaseUntil, limit) {
      const rows = db
        .prepare(
          `UPDATE notify_deliveries SET next_attempt_at = ?
           WHERE id IN (SELECT id FROM notify_deliveries
                        WHERE status = 'pending' AND next_attempt_at <= ?
                        ORDER BY next_attempt_at, id LIMIT ?)
           RETURNING *`,
        )
        .all(leaseUntil.toISOString(), now.toISOString(), limit) as DeliveryRow[];
      return rows.map(toDelivery).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async recordAttempt(id, outcome, now) {
      const set = attemptColumns(outcome, now);
      db.prepare(
        `UPDATE notify_deliveries
         SET tries = tries + 1, attempts = attempts + 1, ${set.map(([c]) => `${c} = ?`).join(', ')}
         WHERE id = ?`,
      ).run(...set.map(([, v]) => v), id);
      return getDelivery(id);
    },
    getDelivery: async (id) => getDelivery(id),
    async listDeliveries(q) {
      const where: string[] = [];
      const values: unknown[] = [];
      if (q.status) {
        where.push('status = ?');
        values.push(q.status);
      }
      if (q.subscriptionId) {
        where.push('subscription_id = ?');
        values.push(q.subscriptionId);
      }
      const rows = db
        .prepare(
          `SELECT * FROM notify_deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY created_at DESC, id DESC LIMIT ?`,
        )
        .all(...values, q.limit) as DeliveryRow[];
      return rows.map(toDelivery);
    },
    async replay(id, now) {
      const at = now.toISOString();
      const r = db
        .prepare(
          `UPDATE notify_deliveries
           SET status = 'pending', tries = 0, next_attempt_at = ?, updated_at = ?
           WHERE id = ? AND status = 'dead' RETURNING *`,
        )
        .get(at, at, id) as DeliveryRow | undefined;
      return r && toDelivery(r);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
