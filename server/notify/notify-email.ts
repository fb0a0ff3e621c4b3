/**
 * The email channel: the delivery's notification as a plain-text email in both languages
 * (notify-message.ts writes it from the stored body, so every try says the same), sent
 * through the SMTP server of NOTIFY_SMTP_URL with nodemailer, to the subscription's
 * addresses. The server accepting the message delivers the try; its refusal, or no answer
 * within the timeout, fails it. The SMTP URL's password is never logged or shown.
 */
import nodemailer from 'nodemailer';
import type { CityPack } from '../../shared/city/types.ts';
import { emailTextOf, subjectOf, type NotificationBody } from './notify-message.ts';
import { failureText, WEBHOOK_HEADERS, type Channel } from './notify-webhook.ts';

export interface EmailChannel {
  send: Channel;
  close(): void;
}

export function emailChannel(opts: {
  smtpUrl: string;
  from: string;
  pack: CityPack;
  timeoutMs: number;
}): EmailChannel {
  const transport = nodemailer.createTransport({
    url: opts.smtpUrl,
    connectionTimeout: opts.timeoutMs,
    greetingTimeout: opts.timeoutMs,
    socketTimeout: opts.timeoutMs,
  });
  return {
    async send(subscription, delivery) {
      if (!subscription.emails?.length) {
        return { ok: false, status: null, error: 'the subscription has no addresses' };
      }
      const body = JSON.parse(delivery.body) as NotificationBody;
      try {
        const info = await transport.sendMail({
          from: opts.from,
          to: subscription.emails,
          subject: subjectOf(body, opts.pack),
          text: emailTextOf(body),
          headers: {
            [WEBHOOK_HEADERS.event]: delivery.eventType,
            [WEBHOOK_HEADERS.delivery]: delivery.id,
          },
        });
        const code = Number(/^(\d{3})/.exec(String(info.response))?.[1] ?? NaN);
        return { ok: true, status: Number.isFinite(code) ? code : null, error: null };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode ?? null;
        const text = code === null ? failureText(error, opts.timeoutMs) : `SMTP answered ${code}`;
        return { ok: false, status: code, error: text };
      }
    },
    close: () => transport.close(),
  };
}
