/**
 * The AuthStore contract, continued (auth-store-contract.ts): wall pairing codes (issued
 * for usable display tokens only, single-use, replaced by the next, expiring, rotating the
 * token's secret) and secrecy (no secret or code is stored in clear, in any table).
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../server/auth/auth-secrets.ts';
import { PAIRING_ALPHABET, PAIRING_CODE_LENGTH } from '../../shared/domain/pairing.ts';
import type { CurrentAuthStore } from './auth-store-contract.ts';
import { apiToken, at, displayToken, newUser, T0 } from './auth-store-contract.ts';

const CODE = new RegExp(`^[${PAIRING_ALPHABET}]{${PAIRING_CODE_LENGTH}}$`);

export function describePairingContract(current: CurrentAuthStore): void {
  describe('pairing codes', () => {
    it('pairs a wall once: the code gives the display token a new secret, the old one stops', async () => {
      const { auth, raw } = current();
      const wall = await auth.createToken(displayToken, T0);
      const issued = await auth.issuePairing(wall.token.id, T0, 60_000);
      expect(issued).toEqual({
        code: expect.stringMatching(CODE),
        expiresAt: at(60_000).toISOString(),
      });
      const paired = await auth.redeemPairing(issued!.code, at(59_999));
      expect(paired).toEqual({
        ok: true,
        secret: expect.stringMatching(/^nkd_/),
        token: wall.token,
      });
      if (!paired.ok) return;
      expect(await auth.tokenFor(paired.secret, at(59_999))).toEqual(wall.token);
      expect(await auth.tokenFor(wall.secret, at(59_999))).toBeUndefined();
      expect(await auth.redeemPairing(issued!.code, at(59_999))).toEqual({
        ok: false,
        reason: 'unknown',
      });
      expect(await raw.table('pairing_codes')).toEqual([]);
    });

    it('issues codes only for usable display tokens', async () => {
      const { auth } = current();
      const api = await auth.createToken(apiToken, T0);
      const revoked = await auth.createToken(displayToken, T0);
      await auth.revokeToken(revoked.token.id, T0);
      const expired = await auth.createToken(
        { ...displayToken, expiresAt: at(1_000).toISOString() },
        T0,
      );
      expect(await auth.issuePairing(api.token.id, T0)).toBeUndefined();
      expect(await auth.issuePairing(revoked.token.id, T0)).toBeUndefined();
      expect(await auth.issuePairing(expired.token.id, at(1_000))).toBeUndefined();
      expect(await auth.issuePairing('no-such-id', T0)).toBeUndefined();
      expect(await auth.issuePairing(expired.token.id, T0)).toBeDefined();
    });

    it('a new code replaces the token’s earlier one, and sweeps out expired codes', async () => {
      const { auth, raw } = current();
      const wall = await auth.createToken(displayToken, T0);
      const other = await auth.createToken({ ...displayToken, label: 'Wall 2' }, T0);
      const stale = await auth.issuePairing(other.token.id, T0, 1_000);
      const first = await auth.issuePairing(wall.token.id, T0);
      const second = await auth.issuePairing(wall.token.id, at(1_000));
      expect(second!.code).not.toBe(first!.code);
      expect(await raw.table('pairing_codes')).toHaveLength(1);
      expect(await auth.redeemPairing(first!.code, at(1_000))).toEqual({
        ok: false,
        reason: 'unknown',
      });
      expect(await auth.redeemPairing(stale!.code, at(1_000))).toEqual({
        ok: false,
        reason: 'unknown',
      });
      expect(await auth.redeemPairing(second!.code, at(1_000))).toMatchObject({ ok: true });
    });

    it('an expired code is refused as expired, and spent', async () => {
      const { auth } = current();
      const wall = await auth.createToken(displayToken, T0);
      const issued = await auth.issuePairing(wall.token.id, T0, 60_000);
      expect(await auth.redeemPairing(issued!.code, at(60_000))).toEqual({
        ok: false,
        reason: 'expired',
      });
      expect(await auth.redeemPairing(issued!.code, T0)).toEqual({ ok: false, reason: 'unknown' });
      expect(await auth.tokenFor(wall.secret, T0)).toEqual(wall.token);
    });

    it('a code whose token was revoked meanwhile is refused, and spent', async () => {
      const { auth } = current();
      const wall = await auth.createToken(displayToken, T0);
      const issued = await auth.issuePairing(wall.token.id, T0);
      await auth.revokeToken(wall.token.id, T0);
      expect(await auth.redeemPairing(issued!.code, T0)).toEqual({ ok: false, reason: 'revoked' });
      expect(await auth.redeemPairing(issued!.code, T0)).toEqual({ ok: false, reason: 'unknown' });
    });

    it('of two walls opening one code at once, exactly one is paired', async () => {
      const { auth } = current();
      const wall = await auth.createToken(displayToken, T0);
      const issued = await auth.issuePairing(wall.token.id, T0);
      const results = await Promise.all([
        auth.redeemPairing(issued!.code, T0),
        auth.redeemPairing(issued!.code, T0),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'unknown' }]);
    });
  });

  describe('secrecy', () => {
    it('keeps no secret, session id or pairing code in clear, in any table', async () => {
      const { auth, raw } = current();
      const u = await auth.createUser(newUser('ana'), T0);
      const session = await auth.createSession(u.id, T0, 60_000);
      const api = await auth.createToken(apiToken, T0);
      const wall = await auth.createToken(displayToken, T0);
      const unused = await auth.issuePairing(wall.token.id, T0);
      const other = await auth.createToken({ ...displayToken, label: 'Wall 2' }, T0);
      const pairing = await auth.issuePairing(other.token.id, T0);
      const paired = await auth.redeemPairing(pairing!.code, T0);
      if (!paired.ok) throw new Error('pairing failed');
      const secrets = [session.secret, api.secret, wall.secret, unused!.code, paired.secret];
      const tables = {
        users: await raw.table('users'),
        sessions: await raw.table('sessions'),
        tokens: await raw.table('tokens'),
        pairing_codes: await raw.table('pairing_codes'),
      };
      // The check can fail: every table has rows, and what each holds is read in full.
      for (const rows of Object.values(tables)) expect(rows.length).toBeGreaterThan(0);
      const stored = JSON.stringify(tables);
      for (const secret of secrets) expect(stored).not.toContain(secret);
      // Nor a good part of one (a prefix cut off, an encoding changed).
      for (const secret of [session.secret, api.secret, paired.secret])
        expect(stored).not.toContain(secret.slice(4, 20));
      // What is kept instead: the hashes, so the rows read are the ones written.
      for (const secret of [session.secret, api.secret, paired.secret, unused!.code])
        expect(stored).toContain(sha256(secret));
    });
  });
}
