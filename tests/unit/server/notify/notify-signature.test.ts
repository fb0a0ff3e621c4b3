import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  newSecret,
  signBody,
  SIGNATURE_TOLERANCE_S,
  verifySignature,
} from '../../../../server/notify/notify-signature.ts';

const SECRET = 'whsec_test-secret';
const BODY = '{"type":"alert.raised","text":{"id":"Banjir — Penjaringan"}}';
const TS = 1_764_554_400;

const check = (over: Partial<Parameters<typeof verifySignature>[0]> = {}) =>
  verifySignature({
    secret: SECRET,
    signature: signBody(SECRET, TS, BODY),
    timestamp: String(TS),
    body: BODY,
    nowS: TS + 10,
    ...over,
  });

describe('webhook signatures', () => {
  it('is HMAC-SHA256 over "<timestamp>.<raw body>", as a receiver in any language computes it', () => {
    const hex = createHmac('sha256', SECRET).update(`${TS}.${BODY}`, 'utf8').digest('hex');
    expect(signBody(SECRET, TS, BODY)).toBe(`sha256=${hex}`);
  });

  it('verifies what was signed', () => {
    expect(check()).toBe(true);
  });

  it.each([
    ['another secret', { secret: `${SECRET}x` }],
    ['a changed body', { body: BODY.replace('Banjir', 'Banjír') }],
    ['a changed timestamp', { timestamp: String(TS + 1) }],
    ['no signature', { signature: undefined }],
    ['no timestamp', { timestamp: undefined }],
    ['a timestamp that is not digits', { timestamp: `${TS}.0` }],
    ['a timestamp in another notation', { timestamp: '1.7645544e9' }],
    ['a signature cut short', { signature: signBody(SECRET, TS, BODY).slice(0, -2) }],
    ['a timestamp too old', { nowS: TS + SIGNATURE_TOLERANCE_S + 1 }],
    ['a timestamp too far ahead', { nowS: TS - SIGNATURE_TOLERANCE_S - 1 }],
  ])('refuses %s', (_what, over) => {
    expect(check(over)).toBe(false);
  });

  it('accepts a timestamp at the edge of its window', () => {
    expect(check({ nowS: TS + SIGNATURE_TOLERANCE_S })).toBe(true);
    expect(check({ nowS: TS + 60, toleranceS: 30 })).toBe(false);
  });

  it('makes a new 256-bit secret each time', () => {
    const a = newSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newSecret()).not.toBe(a);
  });
});
