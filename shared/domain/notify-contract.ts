/**
 * Notifications as the admin API shows them and /admin edits them: subscriptions (where
 * alert events go, and which) and deliveries (one alert event for one subscription, retried
 * until delivered or dead). Pure types and constants: the server's notify routes and store
 * and the admin page's notifications section read them from here.
 *
 * A webhook's HMAC secret is write-once: shown in the answer that creates or rotates it,
 * never in a view. A webhook URL is shown with its secret-bearing query values redacted
 * (a chat gateway's `?key=…&token=…`).
 */
import type { AlertEventType, AlertKind, AlertText, EscalationLevel } from './alerts.ts';

export const NOTIFY_CHANNELS = ['webhook', 'email'] as const;
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];

/** The alert events a subscription may ask for, by their names without `alert.`. */
export const NOTIFY_EVENTS = ['raised', 'updated', 'acknowledged', 'escalated', 'cleared'] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

export const notifyEventOf = (type: AlertEventType): NotifyEvent =>
  type.slice('alert.'.length) as NotifyEvent;

/** `X-Nakhoda-Event` of a test notification sent from /admin. */
export const TEST_EVENT_TYPE = 'notification.test';
export type DeliveryEventType = AlertEventType | typeof TEST_EVENT_TYPE;

/** Every value, or only those listed (never an empty list). */
export type Choice<T extends string> = 'all' | T[];

/**
 * Which alert events a subscription hears: every condition must hold. `agencies` compares
 * the alert's agency; an alert for no single agency (a surge across categories) matches
 * only `all`. `levels` compares the level the alert has once the event is applied (an
 * `escalated` event to `head` is at `head`).
 */
export interface NotifyFilter {
  kinds: Choice<AlertKind>;
  agencies: Choice<string>;
  levels: Choice<EscalationLevel>;
  events: Choice<NotifyEvent>;
}

export const MATCH_EVERYTHING: NotifyFilter = {
  kinds: 'all',
  agencies: 'all',
  levels: 'all',
  events: 'all',
};

export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const;
/** `pending`: waiting for its first try or for a retry; `dead`: every try failed. */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A subscription's recent deliveries: delivered in the last 24 h, pending and dead now. */
export interface DeliveryCounts {
  delivered: number;
  pending: number;
  dead: number;
  lastDeliveredAt: string | null;
}

export const ZERO_DELIVERY_COUNTS: DeliveryCounts = {
  delivered: 0,
  pending: 0,
  dead: 0,
  lastDeliveredAt: null,
};

export interface SubscriptionView {
  id: string;
  name: string;
  channel: NotifyChannel;
  /** A webhook's URL with secret-bearing query values redacted; null for email. */
  url: string | null;
  /** An email subscription's addresses; null for a webhook. */
  emails: string[] | null;
  filter: NotifyFilter;
  enabled: boolean;
  /** Whether a webhook has its signing secret (always, for a webhook); never the secret. */
  hasSecret: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  counts: DeliveryCounts;
}

export interface DeliveryView {
  id: string;
  subscriptionId: string;
  subscriptionName: string;
  /** The alert event's seq in the log; null for a test notification. */
  seq: number | null;
  eventType: DeliveryEventType;
  alertId: string | null;
  /** What it said, for people (the alert's summary, or the test's text). */
  summary: AlertText;
  status: DeliveryStatus;
  /** Tries in all, replays included. */
  attempts: number;
  createdAt: string;
  updatedAt: string;
  /** When it is tried next (pending only). */
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  /** The last try's HTTP status (webhook), if it got one. */
  lastStatus: number | null;
  lastError: string | null;
}

export interface NewSubscriptionBody {
  name: string;
  channel: NotifyChannel;
  url?: string;
  emails?: string[];
  filter?: Partial<NotifyFilter>;
  enabled?: boolean;
}

export interface SubscriptionChangeBody {
  name?: string;
  url?: string;
  emails?: string[];
  filter?: Partial<NotifyFilter>;
  enabled?: boolean;
}

/** Limits the API checks and the admin form checks first. */
export const MAX_EMAILS = 20;
export const MAX_NAME = 80;
export const MAX_URL = 2000;
