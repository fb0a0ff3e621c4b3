/**
 * Webhook signatures. Each POST carries
 *   X-Nakhoda-Timestamp: <unix seconds of this try>
 *   X-Nakhoda-Signature: sha256=<hex HMAC-SHA256 over "<timestamp>.<raw body>">
 * keyed with the subscription's secret (the whole `whsec_…` string, as UTF-8 bytes).
 *
 * A receiver verifies it so: read the raw body bytes before any JSON parsing; compute the
 * HMAC over the timestamp header, a dot and those bytes; compare it with the header's hex in
 * constant time (crypto.timingSafeEqual); refuse a timestamp more than 5 minutes from its
 * own clock (the replay window: an old, captured request cannot be sent again later); and
 * treat X-Nakhoda-Delivery as an idempotency key, since a retry after a lost answer sends
 * the same delivery again (with a fresh timestamp and signature). `verifySignature` below is
 * that check, for receivers written in TypeScript.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How far a receiver should accept a timestamp from its own clock, in seconds. */
export const SIGNATURE_TOLERANCE_S = 300;

/** A new signing secret: 256 random bits. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function signBody(secret: string, timestampS: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampS}.${body}`).digest('hex')}`;
}

export function verifySignature(opts: {
  secret: string;
  signature: string | undefined;
  timestamp: string | undefined;
  body: string;
  nowS: number;
  toleranceS?: number;
}): boolean {
  // Digits only: "1e9" or " 17…" would be signed over other text than the header says.
  if (!opts.signature || !/^\d{1,12}$/.test(opts.timestamp ?? '')) return false;
  const ts = Number(opts.timestamp);
  if (Math.abs(opts.nowS - ts) > (opts.toleranceS ?? SIGNATURE_TOLERANCE_S)) return false;
  const expected = Buffer.from(signBody(opts.secret, ts, opts.body));
  const given = Buffer.from(opts.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
