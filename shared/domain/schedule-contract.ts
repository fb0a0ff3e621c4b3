/**
 * Scheduled briefings as the admin API shows them and /admin edits them: a schedule (the
 * PDF pack of the last week or month, city-wide or for one agency, sent by email or a
 * signed webhook at a time on the city's clock) and its sends (one period, delivered or
 * failed, with its size). Pure types and limits; the server's routes and store and the
 * admin page's section read them from here. A webhook's secret is write-once, as for
 * notification subscriptions (notify-contract.ts).
 */
import type { Locale } from '../i18n/format.ts';
import type { NotifyChannel } from './notify-contract.ts';
import type { SchedulePeriod } from './schedule-period.ts';

export const SEND_STATUSES = ['pending', 'delivered', 'failed'] as const;
/** `pending`: due, being sent, or waiting for a retry; `failed`: every try failed. */
export type SendStatus = (typeof SEND_STATUSES)[number];

export interface SendView {
  id: string;
  scheduleId: string;
  periodFrom: string;
  periodTo: string;
  /** Sent from /admin ("send now"), not by the clock. */
  manual: boolean;
  status: SendStatus;
  attempts: number;
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
  /** The PDF's size in bytes, once rendered. */
  sizeBytes: number | null;
  lastError: string | null;
}

export interface ScheduleView {
  id: string;
  name: string;
  /** One agency's code, or null for the whole city. */
  agency: string | null;
  period: SchedulePeriod;
  /** `HH:MM` on the city's clock (WIB). */
  time: string;
  /** ISO weekday of a weekly send (1 = Monday); null for monthly. */
  weekday: number | null;
  locale: Locale;
  channel: NotifyChannel;
  /** A webhook's URL with its query values redacted; null for email. */
  url: string | null;
  emails: string[] | null;
  hasSecret: boolean;
  enabled: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  lastSend: SendView | null;
}

export interface NewScheduleBody {
  name: string;
  agency?: string | null;
  period: SchedulePeriod;
  time: string;
  weekday?: number | null;
  locale?: Locale;
  channel: NotifyChannel;
  url?: string;
  emails?: string[];
  enabled?: boolean;
}

export type ScheduleChangeBody = Partial<Omit<NewScheduleBody, 'channel'>>;

/** "Send now": the week or month containing `date` (`YYYY-MM-DD`, city's calendar). */
export interface SendNowBody {
  date: string;
}
