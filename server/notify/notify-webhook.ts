/**
 * One try of a delivery on its channel, and the webhook channel: a POST of the delivery's
 * exact bytes to the subscription's URL, signed (notify-signature.ts) at the try's time,
 * with the event type and the delivery id (the receiver's idempotency key) as headers.
 * A 2xx answer delivers; anything else, a redirect included (never followed: the URL an
 * admin saved is the only place the body goes), a network error or no answer within the
 * timeout, fails the try. The answer's body is never read.
 */
import type { Delivery, Subscription } from './notify-store.ts';
import { signBody } from './notify-signature.ts';

export interface TryResult {
  ok: boolean;
  /** The HTTP status (webhook) or SMTP reply code (email), if one came. */
  status: number | null;
  error: string | null;
}

/** Sends `delivery` to `subscription` as its try at `at`. */
export type Channel = (
  subscription: Subscription,
  delivery: Delivery,
  at: Date,
) => Promise<TryResult>;

const ERROR_MAX = 300;

/** A failure's cause in a few words, for the admin's delivery list (never a secret). */
export function failureText(error: unknown, timeoutMs: number): string {
  const e = error as {
    name?: string;
    message?: string;
    code?: string;
    cause?: { code?: string; message?: string };
  };
  if (e?.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const text = e?.cause?.code ?? e?.code ?? e?.cause?.message ?? e?.message ?? String(error);
  return text.slice(0, ERROR_MAX);
}

export const WEBHOOK_HEADERS = {
  event: 'x-nakhoda-event',
  delivery: 'x-nakhoda-delivery',
  timestamp: 'x-nakhoda-timestamp',
  signature: 'x-nakhoda-signature',
} as const;

export function webhookChannel(opts: { timeoutMs: number }): Channel {
  return async (subscription, delivery, at) => {
    if (!subscription.url || !subscription.secret) {
      return { ok: false, status: null, error: 'the subscription has no URL or secret' };
    }
    const timestamp = Math.floor(at.getTime() / 1000);
    try {
      const res = await fetch(subscription.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Nakhoda-Webhook/1',
          [WEBHOOK_HEADERS.event]: delivery.eventType,
          [WEBHOOK_HEADERS.delivery]: delivery.id,
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: signBody(subscription.secret, timestamp, delivery.body),
        },
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      await res.body?.cancel().catch(() => undefined);
      return res.ok
        ? { ok: true, status: res.status, error: null }
        : { ok: false, status: res.status, error: `answered HTTP ${res.status}` };
    } catch (error) {
      return { ok: false, status: null, error: failureText(error, opts.timeoutMs) };
    }
  };
}
