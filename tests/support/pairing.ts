/**
 * A wall display token as a wall gets one: the admin creates it (and gets a one-time
 * pairing code, never the secret), then the wall redeems the code for the secret.
 */
import { expect } from 'vitest';
import { api } from './harness.ts';

export async function redeemPairing(base: string, code: string) {
  return api(base, 'POST', '/api/v1/auth/pair', { code }, { authorization: '' });
}

/** Creates a display token and pairs it; returns the token's id and the wall's secret. */
export async function pairedDisplayToken(
  base: string,
  label: string,
): Promise<{ id: string; secret: string }> {
  const made = await api(base, 'POST', '/api/v1/admin/tokens', { kind: 'display', label });
  expect(made.status).toBe(201);
  const paired = await redeemPairing(base, made.body.pairing.code);
  expect(paired.status).toBe(200);
  return { id: made.body.token.id, secret: paired.body.token };
}
