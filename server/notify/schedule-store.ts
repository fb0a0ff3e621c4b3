/**
 * Scheduled briefings kept beside the notifications (each NotifyStore carries one as
 * `schedules`): schedules, and their sends, one per (schedule, slot). A slot is a period's
 * start for a send the clock made, so two nodes, or one node after a crash, never add a
 * second send of one period; a "send now" from /admin takes a slot of its own. Sending is
 * claimed like a delivery (notify-store.ts): `claimDue` moves a due send's next try past
 * the try (a lease) atomically, so two senders never take one at once and a sender that
 * dies mid-try leaves it to be taken again. One implementation over both databases: the
 * SQL is the same but for placeholders and PostgreSQL's row locks.
 */
import { randomUUID } from 'node:crypto';
import type { NotifyChannel } from '../../shared/domain/notify-contract.ts';
import type { SendStatus } from '../../shared/domain/schedule-contract.ts';
import type { SchedulePeriod } from '../../shared/domain/schedule-period.ts';
import type { Locale } from '../../shared/i18n/format.ts';

export interface BriefingSchedule {
  id: string;
  name: string;
  agency: string | null;
  period: SchedulePeriod;
  time: string;
  weekday: number | null;
  locale: Locale;
  channel: NotifyChannel;
  url: string | null;
  emails: string[] | null;
  secret: string | null;
  enabled: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export type NewSchedule = Omit<BriefingSchedule, 'id' | 'createdAt' | 'updatedAt'>;
export type ScheduleChanges = Partial<
  Omit<BriefingSchedule, 'id' | 'channel' | 'createdBy' | 'createdAt' | 'updatedAt'>
>;

export interface BriefingSend {
  id: string;
  scheduleId: string;
  slot: string;
  periodFrom: string;
  periodTo: string;
  manual: boolean;
  status: SendStatus;
  /** Failed tries (the backoff counts these). */
  tries: number;
  /** Tries begun, claims included. */
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
  sizeBytes: number | null;
  lastError: string | null;
}

export type NewSend = Pick<
  BriefingSend,
  'scheduleId' | 'slot' | 'periodFrom' | 'periodTo' | 'manual'
>;

export type SendOutcome =
  | { status: 'delivered'; sizeBytes: number }
  | { status: 'pending'; nextAttemptAt: Date; sizeBytes: number | null; lastError: string }
  | { status: 'failed'; sizeBytes: number | null; lastError: string };

export interface ScheduleStore {
  /** By name. */
  listSchedules(): Promise<BriefingSchedule[]>;
  getSchedule(id: string): Promise<BriefingSchedule | undefined>;
  createSchedule(s: NewSchedule, now: Date): Promise<BriefingSchedule>;
  updateSchedule(id: string, c: ScheduleChanges, now: Date): Promise<BriefingSchedule | undefined>;
  /** Removes it with its sends; false for an unknown id. */
  removeSchedule(id: string): Promise<boolean>;
  /** Adds the send of (schedule, slot), due at `now`, unless one is there; the new one or undefined. */
  addSend(s: NewSend, now: Date): Promise<BriefingSend | undefined>;
  /** Takes up to `limit` pending sends due at `now` (or only `id`), their next try moved to `leaseUntil`. */
  claimDue(now: Date, leaseUntil: Date, limit: number, id?: string): Promise<BriefingSend[]>;
  /** Records how a try ended; undefined for a send removed meanwhile. */
  recordSend(id: string, outcome: SendOutcome, now: Date): Promise<BriefingSend | undefined>;
  /** Each schedule's newest send. */
  lastSends(): Promise<Map<string, BriefingSend>>;
  /** A schedule's sends, newest first. */
  listSends(scheduleId: string, limit: number): Promise<BriefingSend[]>;
}

/** The briefing tables, the same columns in SQLite and PostgreSQL (migration 006). */
interface ScheduleRow {
  id: string;
  name: string;
  agency: string | null;
  period: string;
  send_time: string;
  send_weekday: number | null;
  locale: string;
  channel: string;
  url: string | null;
  emails: string | null;
  secret: string | null;
  enabled: number | boolean;
  created_by: string;
  created_at: string;
  updated_at: string;
}

interface SendRow {
  id: string;
  schedule_id: string;
  slot: string;
  period_from: string;
  period_to: string;
  manual: number | boolean;
  status: string;
  tries: number;
  attempts: number;
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
  /** PostgreSQL's bigint arrives as a string. */
  size_bytes: number | string | null;
  last_error: string | null;
}

const toSchedule = (r: ScheduleRow): BriefingSchedule => ({
  id: r.id,
  name: r.name,
  agency: r.agency,
  period: r.period as SchedulePeriod,
  time: r.send_time,
  weekday: r.send_weekday,
  locale: r.locale as Locale,
  channel: r.channel as NotifyChannel,
  url: r.url,
  emails: r.emails === null ? null : (JSON.parse(r.emails) as string[]),
  secret: r.secret,
  enabled: Boolean(r.enabled),
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toSend = (r: SendRow): BriefingSend => ({
  id: r.id,
  scheduleId: r.schedule_id,
  slot: r.slot,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  manual: Boolean(r.manual),
  status: r.status as SendStatus,
  tries: r.tries,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deliveredAt: r.delivered_at,
  sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
  lastError: r.last_error,
});

/** Schedule fields to columns, in the order `scheduleValues` gives them. */
const SCHEDULE_FIELDS = [
  ['name', 'name'],
  ['agency', 'agency'],
  ['period', 'period'],
  ['time', 'send_time'],
  ['weekday', 'send_weekday'],
  ['locale', 'locale'],
  ['url', 'url'],
  ['emails', 'emails'],
  ['secret', 'secret'],
  ['enabled', 'enabled'],
] as const;

/** How a database runs SQL: rows of a statement (RETURNING included), and its dialect. */
export interface SqlRunner {
  all<R>(sql: string, values: unknown[]): Promise<R[]>;
  /** `$n` (PostgreSQL) or `?` (SQLite). */
  ph(n: number): string;
  bool(b: boolean): unknown;
  /** Row locks for a claim's inner select (PostgreSQL's `FOR UPDATE SKIP LOCKED`). */
  lock: string;
}

export function scheduleStoreOver(db: SqlRunner): ScheduleStore {
  const phs = (n: number, from = 1) =>
    Array.from({ length: n }, (_, i) => db.ph(i + from)).join(', ');
  const value = (field: (typeof SCHEDULE_FIELDS)[number][0], v: unknown) =>
    field === 'emails' ? v && JSON.stringify(v) : field === 'enabled' ? db.bool(v as boolean) : v;
  const getSchedule = async (id: string) =>
    (
      await db.all<ScheduleRow>(`SELECT * FROM briefing_schedules WHERE id = ${db.ph(1)}`, [id])
    ).map(toSchedule)[0];

  return {
    listSchedules: async () =>
      (await db.all<ScheduleRow>('SELECT * FROM briefing_schedules ORDER BY name, id', [])).map(
        toSchedule,
      ),
    getSchedule,
    async createSchedule(s, now) {
      const at = now.toISOString();
      const columns = ['id', ...SCHEDULE_FIELDS.map(([, c]) => c), 'channel', 'created_by'];
      const values = [
        randomUUID(),
        ...SCHEDULE_FIELDS.map(([f]) => value(f, s[f])),
        s.channel,
        s.createdBy,
        at,
        at,
      ];
      const rows = await db.all<ScheduleRow>(
        `INSERT INTO briefing_schedules (${columns.join(', ')}, created_at, updated_at)
         VALUES (${phs(values.length)}) RETURNING *`,
        values,
      );
      return toSchedule(rows[0]!);
    },
    async updateSchedule(id, c, now) {
      const set = SCHEDULE_FIELDS.filter(([f]) => c[f] !== undefined);
      const values = [...set.map(([f]) => value(f, c[f])), now.toISOString(), id];
      const assignments = [...set.map(([, col], i) => `${col} = ${db.ph(i + 1)}`)];
      assignments.push(`updated_at = ${db.ph(set.length + 1)}`);
      const rows = await db.all<ScheduleRow>(
        `UPDATE briefing_schedules SET ${assignments.join(', ')}
         WHERE id = ${db.ph(set.length + 2)} RETURNING *`,
        values,
      );
      return rows.map(toSchedule)[0];
    },
    async removeSchedule(id) {
      await db.all(`DELETE FROM briefing_sends WHERE schedule_id = ${db.ph(1)} RETURNING id`, [id]);
      const gone = await db.all(
        `DELETE FROM briefing_schedules WHERE id = ${db.ph(1)} RETURNING id`,
        [id],
      );
      return gone.length > 0;
    },
    async addSend(s, now) {
      const at = now.toISOString();
      const values = [
        randomUUID(),
        s.scheduleId,
        s.slot,
        s.periodFrom,
        s.periodTo,
        db.bool(s.manual),
        'pending',
        0,
        0,
        at,
        at,
        at,
      ];
      const rows = await db.all<SendRow>(
        `INSERT INTO briefing_sends (id, schedule_id, slot, period_from, period_to, manual, status,
           tries, attempts, next_attempt_at, created_at, updated_at)
         VALUES (${phs(values.length)})
         ON CONFLICT (schedule_id, slot) DO NOTHING RETURNING *`,
        values,
      );
      return rows.map(toSend)[0];
    },
    async claimDue(now, leaseUntil, limit, id) {
      const due = `status = 'pending' AND next_attempt_at <= ${db.ph(2)}`;
      const only = id === undefined ? '' : ` AND id = ${db.ph(4)}`;
      const rows = await db.all<SendRow>(
        `UPDATE briefing_sends SET next_attempt_at = ${db.ph(1)}, attempts = attempts + 1
         WHERE ${due} AND id IN (SELECT id FROM briefing_sends WHERE ${due}${only}
                      ORDER BY next_attempt_at, id LIMIT ${db.ph(3)}${db.lock})
         RETURNING *`,
        [leaseUntil.toISOString(), now.toISOString(), limit, ...(id === undefined ? [] : [id])],
      );
      return rows.map(toSend).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async recordSend(id, o, now) {
      const at = now.toISOString();
      const failed = o.status === 'delivered' ? 0 : 1;
      const rows = await db.all<SendRow>(
        `UPDATE briefing_sends SET status = ${db.ph(1)}, tries = tries + ${failed},
           next_attempt_at = ${db.ph(2)}, delivered_at = ${db.ph(3)}, size_bytes = ${db.ph(4)},
           last_error = ${db.ph(5)}, updated_at = ${db.ph(6)}
         WHERE id = ${db.ph(7)} RETURNING *`,
        [
          o.status,
          o.status === 'pending' ? o.nextAttemptAt.toISOString() : null,
          o.status === 'delivered' ? at : null,
          o.sizeBytes,
          o.status === 'delivered' ? null : o.lastError,
          at,
          id,
        ],
      );
      return rows.map(toSend)[0];
    },
    async lastSends() {
      const rows = await db.all<SendRow>(
        `SELECT * FROM briefing_sends s WHERE created_at =
           (SELECT MAX(created_at) FROM briefing_sends t WHERE t.schedule_id = s.schedule_id)
         ORDER BY created_at, id`,
        [],
      );
      return new Map(rows.map((r) => [r.schedule_id, toSend(r)]));
    },
    async listSends(scheduleId, limit) {
      const rows = await db.all<SendRow>(
        `SELECT * FROM briefing_sends WHERE schedule_id = ${db.ph(1)}
         ORDER BY created_at DESC, id DESC LIMIT ${db.ph(2)}`,
        [scheduleId, limit],
      );
      return rows.map(toSend);
    },
  };
}

/** SQLite's tables (PostgreSQL's come with migration 006). */
export const SQLITE_SCHEDULE_SCHEMA = `
CREATE TABLE IF NOT EXISTS briefing_schedules (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, agency TEXT, period TEXT NOT NULL,
  send_time TEXT NOT NULL, send_weekday INTEGER, locale TEXT NOT NULL, channel TEXT NOT NULL,
  url TEXT, emails TEXT, secret TEXT, enabled INTEGER NOT NULL, created_by TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS briefing_sends (
  id TEXT PRIMARY KEY, schedule_id TEXT NOT NULL, slot TEXT NOT NULL, period_from TEXT NOT NULL,
  period_to TEXT NOT NULL, manual INTEGER NOT NULL, status TEXT NOT NULL, tries INTEGER NOT NULL,
  attempts INTEGER NOT NULL, next_attempt_at TEXT, created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL, delivered_at TEXT, size_bytes INTEGER, last_error TEXT,
  UNIQUE (schedule_id, slot)
);
CREATE INDEX IF NOT EXISTS briefing_sends_due ON briefing_sends (status, next_attempt_at);
CREATE INDEX IF NOT EXISTS briefing_sends_schedule ON briefing_sends (schedule_id, created_at DESC);
`;
