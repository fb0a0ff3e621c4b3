/**
 * Notifications kept: subscriptions (where alert events go and which) and deliveries (one
 * alert event for one subscription, with the exact body sent, until delivered or dead).
 * Two implementations behave alike (tests/integration/notify-store.test.ts), like the
 * connector store: SQLite (sqlite-notify.store.ts) in the log's file, and PostgreSQL
 * (pg-notify.store.ts, migration 005) for several nodes.
 *
 * Creating deliveries is idempotent per (subscription, seq): every node hears every alert
 * event and may insert its deliveries; the second insert finds the first. Sending is
 * claimed: `claimDue` moves a due delivery's next try past the try (a lease), atomically,
 * so two senders never take the same one at once; a sender that dies mid-try leaves it to
 * be taken again when the lease ends. A webhook's secret lives here only; the admin API
 * shows it once (notify.routes.ts). Both tables' rows map here, in one place.
 */
import type { AlertText } from '../../shared/domain/alerts.ts';
import type {
  DeliveryCounts,
  DeliveryEventType,
  DeliveryStatus,
  NotifyChannel,
  NotifyFilter,
} from '../../shared/domain/notify-contract.ts';
import type { ScheduleStore } from './schedule-store.ts';

export interface Subscription {
  id: string;
  name: string;
  channel: NotifyChannel;
  /** A webhook's URL, as given; null for email. */
  url: string | null;
  /** An email subscription's addresses; null for a webhook. */
  emails: string[] | null;
  /** A webhook's signing secret; null for email. */
  secret: string | null;
  filter: NotifyFilter;
  enabled: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export type NewSubscription = Omit<Subscription, 'id' | 'createdAt' | 'updatedAt'>;

export type SubscriptionChanges = Partial<
  Pick<Subscription, 'name' | 'url' | 'emails' | 'secret' | 'filter' | 'enabled'>
>;

export interface Delivery {
  id: string;
  subscriptionId: string;
  /** The alert event's seq; null for a test notification. */
  seq: number | null;
  eventType: DeliveryEventType;
  alertId: string | null;
  summary: AlertText;
  /** The exact JSON sent, every try. */
  body: string;
  status: DeliveryStatus;
  /** Failed tries in this round (the backoff counts these; a replay starts a round). */
  tries: number;
  /** Tries in all, replays included. */
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
}

export type NewDelivery = Pick<
  Delivery,
  'id' | 'subscriptionId' | 'seq' | 'eventType' | 'alertId' | 'summary' | 'body'
>;

/** How a try ended: delivered, to be tried again at `nextAttemptAt`, or dead. */
export type AttemptOutcome =
  | { status: 'delivered'; lastStatus: number | null }
  | { status: 'pending'; nextAttemptAt: Date; lastStatus: number | null; lastError: string }
  | { status: 'dead'; lastStatus: number | null; lastError: string };

export interface DeliveryQuery {
  status?: DeliveryStatus;
  subscriptionId?: string;
  /** Newest first; at most this many. */
  limit: number;
}

export interface NotifyStore {
  /** Scheduled briefings, kept beside the notifications (schedule-store.ts). */
  readonly schedules: ScheduleStore;
  /** By name. */
  listSubscriptions(): Promise<Subscription[]>;
  getSubscription(id: string): Promise<Subscription | undefined>;
  createSubscription(s: NewSubscription, now: Date): Promise<Subscription>;
  updateSubscription(
    id: string,
    changes: SubscriptionChanges,
    now: Date,
  ): Promise<Subscription | undefined>;
  /** Removes it with its deliveries; false for an unknown id. */
  removeSubscription(id: string): Promise<boolean>;
  /** Per subscription: delivered since `since`, pending and dead now, the last delivery. */
  deliveryCounts(since: Date): Promise<Map<string, DeliveryCounts>>;
  /**
   * Inserts each delivery due at `now`, unless its (subscription, seq) is already there;
   * returns those inserted.
   */
  addDeliveries(deliveries: NewDelivery[], now: Date): Promise<Delivery[]>;
  /** Takes up to `limit` pending deliveries due at `now`, their next try moved to `leaseUntil`. */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<Delivery[]>;
  /** Records one try; nothing for a delivery removed meanwhile. */
  recordAttempt(id: string, outcome: AttemptOutcome, now: Date): Promise<Delivery | undefined>;
  getDelivery(id: string): Promise<Delivery | undefined>;
  listDeliveries(q: DeliveryQuery): Promise<Delivery[]>;
  /** A dead delivery pending again, due at `now`, its round afresh; undefined unless dead. */
  replay(id: string, now: Date): Promise<Delivery | undefined>;
  close(): Promise<void>;
}

/** The `notify_subscriptions` row, the same columns in SQLite and PostgreSQL. */
export interface SubscriptionRow {
  id: string;
  name: string;
  channel: string;
  url: string | null;
  /** JSON array, or null. */
  emails: string | null;
  secret: string | null;
  /** JSON of NotifyFilter. */
  filter: string;
  /** SQLite's 0/1, PostgreSQL's boolean. */
  enabled: number | boolean;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface DeliveryRow {
  id: string;
  subscription_id: string;
  /** PostgreSQL's bigint arrives as a string. */
  seq: number | string | null;
  event_type: string;
  alert_id: string | null;
  summary: string;
  body: string;
  status: string;
  tries: number;
  attempts: number;
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
  last_status: number | null;
  last_error: string | null;
}

export function toSubscription(r: SubscriptionRow): Subscription {
  return {
    id: r.id,
    name: r.name,
    channel: r.channel as NotifyChannel,
    url: r.url,
    emails: r.emails === null ? null : (JSON.parse(r.emails) as string[]),
    secret: r.secret,
    filter: JSON.parse(r.filter) as NotifyFilter,
    enabled: Boolean(r.enabled),
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toDelivery(r: DeliveryRow): Delivery {
  return {
    id: r.id,
    subscriptionId: r.subscription_id,
    seq: r.seq === null ? null : Number(r.seq),
    eventType: r.event_type as DeliveryEventType,
    alertId: r.alert_id,
    summary: JSON.parse(r.summary) as AlertText,
    body: r.body,
    status: r.status as DeliveryStatus,
    tries: r.tries,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deliveredAt: r.delivered_at,
    lastStatus: r.last_status,
    lastError: r.last_error,
  };
}

export const SUBSCRIPTION_COLUMNS = [
  'name',
  'channel',
  'url',
  'emails',
  'secret',
  'filter',
  'enabled',
  'created_by',
] as const;

type Column = (typeof SUBSCRIPTION_COLUMNS)[number];

/** The columns a change sets, with their values as both databases take them. */
export function changedColumns(
  c: SubscriptionChanges,
  bool: (b: boolean) => unknown,
): [Column, unknown][] {
  const set: [Column, unknown][] = [];
  if (c.name !== undefined) set.push(['name', c.name]);
  if (c.url !== undefined) set.push(['url', c.url]);
  if (c.emails !== undefined) set.push(['emails', c.emails && JSON.stringify(c.emails)]);
  if (c.secret !== undefined) set.push(['secret', c.secret]);
  if (c.filter !== undefined) set.push(['filter', JSON.stringify(c.filter)]);
  if (c.enabled !== undefined) set.push(['enabled', bool(c.enabled)]);
  return set;
}

/** A new subscription's values, in SUBSCRIPTION_COLUMNS order. */
export function newSubscriptionValues(s: NewSubscription, bool: (b: boolean) => unknown) {
  return [
    s.name,
    s.channel,
    s.url,
    s.emails && JSON.stringify(s.emails),
    s.secret,
    JSON.stringify(s.filter),
    bool(s.enabled),
    s.createdBy,
  ];
}

/** A new delivery's row values, in DELIVERY_INSERT_COLUMNS order. */
export const DELIVERY_INSERT_COLUMNS = [
  'id',
  'subscription_id',
  'seq',
  'event_type',
  'alert_id',
  'summary',
  'body',
  'status',
  'tries',
  'attempts',
  'next_attempt_at',
  'created_at',
  'updated_at',
] as const;

export function newDeliveryValues(d: NewDelivery, now: Date): unknown[] {
  const at = now.toISOString();
  return [
    d.id,
    d.subscriptionId,
    d.seq,
    d.eventType,
    d.alertId,
    JSON.stringify(d.summary),
    d.body,
    'pending',
    0,
    0,
    at,
    at,
    at,
  ];
}

/** The columns one try sets (after `tries`/`attempts` + 1), in both databases' terms. */
export function attemptColumns(o: AttemptOutcome, now: Date): [string, unknown][] {
  const at = now.toISOString();
  const common: [string, unknown][] = [
    ['status', o.status],
    ['updated_at', at],
    ['last_status', o.lastStatus],
  ];
  switch (o.status) {
    case 'delivered':
      return [...common, ['next_attempt_at', null], ['delivered_at', at], ['last_error', null]];
    case 'pending':
      return [
        ...common,
        ['next_attempt_at', o.nextAttemptAt.toISOString()],
        ['last_error', o.lastError],
      ];
    case 'dead':
      return [...common, ['next_attempt_at', null], ['last_error', o.lastError]];
  }
}

/** Counts as the grouping query returns them (PostgreSQL's sums arrive as strings). */
export interface CountsRow {
  subscription_id: string;
  delivered: number | string | null;
  pending: number | string | null;
  dead: number | string | null;
  last_delivered_at: string | null;
}

export const COUNTS_SQL = (since: string) => `
  SELECT subscription_id,
    SUM(CASE WHEN status = 'delivered' AND delivered_at >= ${since} THEN 1 ELSE 0 END) AS delivered,
    SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS pending,
    SUM(CASE WHEN status = 'dead' THEN 1 ELSE 0 END) AS dead,
    MAX(delivered_at) AS last_delivered_at
  FROM notify_deliveries GROUP BY subscription_id`;

export function toCounts(rows: CountsRow[]): Map<string, DeliveryCounts> {
  return new Map(
    rows.map((r) => [
      r.subscription_id,
      {
        delivered: Number(r.delivered ?? 0),
        pending: Number(r.pending ?? 0),
        dead: Number(r.dead ?? 0),
        lastDeliveredAt: r.last_delivered_at,
      },
    ]),
  );
}
