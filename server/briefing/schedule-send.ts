/**
 * One scheduled briefing, sent: the send's schedule is read, its period's briefing is
 * rendered (schedule-render.ts) and goes out on the schedule's channel: an email with the
 * PDF attached (nodemailer, NOTIFY_SMTP_URL), or a webhook POST of JSON with the PDF in
 * base64, signed and headed exactly as the alert webhooks are (notify-webhook.ts). A
 * failed try is retried on the alert deliveries' backoff (notify-backoff.ts) and, after
 * the last, recorded as failed. "Send now" adds a send of its own for a chosen period
 * and tries it at once.
 */
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { periodContaining, type SchedulePeriod } from '../../shared/domain/schedule-period.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import { retryAt } from '../notify/notify-backoff.ts';
import type { Delivery, Subscription } from '../notify/notify-store.ts';
import { failureText, webhookChannel, type TryResult } from '../notify/notify-webhook.ts';
import type {
  BriefingSchedule,
  BriefingSend,
  ScheduleStore,
  SendOutcome,
} from '../notify/schedule-store.ts';
import { BRIEFING_EVENT_TYPE, briefingMessage, type BriefingMessage } from './schedule-message.ts';
import { renderScheduledBriefing, type RenderDeps } from './schedule-render.ts';

/** How long a claimed send is another sender's to leave alone: render and try, with room. */
export const SEND_LEASE_MS = 5 * MINUTE_MS;

export interface SenderDeps extends RenderDeps {
  schedules: ScheduleStore;
  /** Where links point (no trailing slash). */
  publicUrl: () => string;
  smtp?: { url: string; from: string } | undefined;
  timeoutMs: number;
  random?: (() => number) | undefined;
  log: (msg: string) => void;
}

export interface BriefingSender {
  /** Tries a claimed send; returns it as recorded. */
  deliver(send: BriefingSend): Promise<BriefingSend | undefined>;
  /** Adds a send of `period` (one that has ended: see `chosenPeriod`) and tries it now. */
  sendNow(
    schedule: BriefingSchedule,
    period: { from: Date; to: Date },
  ): Promise<BriefingSend | undefined>;
  close(): void;
}

/** The webhook's JSON: what, for which period, a link, and the PDF. */
export function webhookBody(
  schedule: BriefingSchedule,
  send: BriefingSend,
  message: BriefingMessage,
  pdf: Buffer,
): string {
  return JSON.stringify({
    type: BRIEFING_EVENT_TYPE,
    sendId: send.id,
    schedule: { id: schedule.id, name: schedule.name, period: schedule.period },
    scope: schedule.agency ? { agency: schedule.agency } : { city: true },
    period: { from: send.periodFrom, to: send.periodTo },
    link: message.link,
    subject: message.subject,
    pdf: {
      filename: message.filename,
      contentType: 'application/pdf',
      base64: pdf.toString('base64'),
    },
  });
}

/** The whole period containing `at`, if it has ended by `now`. */
export function chosenPeriod(
  kind: SchedulePeriod,
  at: Date,
  now: Date,
  timeZone: string,
): { from: Date; to: Date } | null {
  const p = periodContaining(kind, at, timeZone);
  return p.to.getTime() <= now.getTime() ? p : null;
}

export function createBriefingSender(deps: SenderDeps): BriefingSender {
  const { schedules, clock, pack } = deps;
  const transport = deps.smtp
    ? nodemailer.createTransport({
        url: deps.smtp.url,
        connectionTimeout: deps.timeoutMs,
        greetingTimeout: deps.timeoutMs,
        socketTimeout: deps.timeoutMs,
      })
    : null;
  const hook = webhookChannel({ timeoutMs: deps.timeoutMs });

  const email = async (
    s: BriefingSchedule,
    m: BriefingMessage,
    pdf: Buffer,
  ): Promise<TryResult> => {
    if (!transport || !deps.smtp)
      return {
        ok: false,
        status: null,
        error: 'email is not set up on this server (NOTIFY_SMTP_URL)',
      };
    if (!s.emails?.length)
      return { ok: false, status: null, error: 'the schedule has no addresses' };
    try {
      await transport.sendMail({
        from: deps.smtp.from,
        to: s.emails,
        subject: m.subject,
        text: m.text,
        attachments: [{ filename: m.filename, content: pdf, contentType: 'application/pdf' }],
        headers: { 'x-nakhoda-event': BRIEFING_EVENT_TYPE },
      });
      return { ok: true, status: null, error: null };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode ?? null;
      const text = code === null ? failureText(error, deps.timeoutMs) : `SMTP answered ${code}`;
      return { ok: false, status: code, error: text };
    }
  };

  // The alert webhooks' channel signs and heads the POST; it reads only these fields.
  const webhook = (s: BriefingSchedule, send: BriefingSend, body: string, at: Date) =>
    hook(
      { url: s.url, secret: s.secret } as Subscription,
      { id: send.id, eventType: BRIEFING_EVENT_TYPE, body } as unknown as Delivery,
      at,
    );

  const outcomeOf = (send: BriefingSend, r: TryResult, size: number | null): SendOutcome => {
    if (r.ok) return { status: 'delivered', sizeBytes: size ?? 0 };
    const error = r.error ?? 'failed';
    const next = retryAt(send.tries + 1, clock(), deps.random);
    return next
      ? { status: 'pending', nextAttemptAt: next, sizeBytes: size, lastError: error }
      : { status: 'failed', sizeBytes: size, lastError: error };
  };

  const deliver = async (send: BriefingSend) => {
    const schedule = await schedules.getSchedule(send.scheduleId);
    if (!schedule) return undefined;
    let size: number | null = null;
    let result: TryResult;
    try {
      const { pdf, briefing } = await renderScheduledBriefing(deps, {
        from: new Date(send.periodFrom),
        to: new Date(send.periodTo),
        agency: schedule.agency,
        locale: schedule.locale,
      });
      size = pdf.byteLength;
      const message = briefingMessage(pack, schedule, send, briefing, deps.publicUrl());
      result =
        schedule.channel === 'email'
          ? await email(schedule, message, pdf)
          : await webhook(schedule, send, webhookBody(schedule, send, message, pdf), clock());
    } catch (error) {
      result = {
        ok: false,
        status: null,
        error: `could not render: ${String(error)}`.slice(0, 300),
      };
    }
    if (!result.ok)
      deps.log(`briefings: send ${send.id} of '${schedule.name}' failed: ${result.error}`);
    return schedules.recordSend(send.id, outcomeOf(send, result, size), clock());
  };

  return {
    deliver,
    async sendNow(schedule, period) {
      const now = clock();
      const added = await schedules.addSend(
        {
          scheduleId: schedule.id,
          slot: `manual:${randomUUID()}`,
          periodFrom: period.from.toISOString(),
          periodTo: period.to.toISOString(),
          manual: true,
        },
        now,
      );
      if (!added) return undefined;
      const [claimed] = await schedules.claimDue(
        now,
        new Date(now.getTime() + SEND_LEASE_MS),
        1,
        added.id,
      );
      return claimed ? deliver(claimed) : added;
    },
    close: () => transport?.close(),
  };
}
