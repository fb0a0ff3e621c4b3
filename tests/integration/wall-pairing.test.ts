/**
 * Wall pairing against the real server: a display token is created with a one-time code
 * (never a secret), the code is traded once for a working token, and it is refused when
 * used, expired, replaced, malformed, for a revoked token, or guessed too often. Codes
 * are kept only as hashes, and the demo's start-up line carries a code, not a token.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteAuthStore } from '../../server/auth/sqlite-auth.store.ts';
import { bootstrapAuth } from '../../server/auth/bootstrap.ts';
import {
  api,
  connectClient,
  nextEvent,
  startServer,
  tempDbFile,
  type TestServer,
} from '../support/harness.ts';
import { pairedDisplayToken, redeemPairing } from '../support/pairing.ts';
import { incidentsOf } from '../support/snapshots.ts';

const CODE = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/;
const TEN_MINUTES = 10 * 60_000;

let server: TestServer;
/** The server's clock runs this far ahead of the real one; tests that move it put it back. */
let aheadMs = 0;

beforeAll(async () => {
  server = await startServer({ clock: () => new Date(Date.now() + aheadMs) });
});
afterAll(async () => {
  await server.dispose();
});
afterEach(() => {
  aheadMs = 0;
});

const createDisplay = (label: string) =>
  api(server.url, 'POST', '/api/v1/admin/tokens', { kind: 'display', label });
const pairAgain = (id: string) => api(server.url, 'POST', `/api/v1/admin/tokens/${id}/pairing`);
const redeem = (code: string) => redeemPairing(server.url, code);
const stats = (secret: string) =>
  api(server.url, 'GET', '/api/v1/stats', undefined, { authorization: `Bearer ${secret}` });

describe('creating a wall display token', () => {
  it('answers a one-time code and the wall link, never a secret', async () => {
    const before = Date.now();
    const res = await createDisplay('Layar utama');
    expect(res.status).toBe(201);
    expect(res.body.token).toMatchObject({
      kind: 'display',
      role: 'display',
      label: 'Layar utama',
    });
    expect(res.body).not.toHaveProperty('secret');
    expect(JSON.stringify(res.body)).not.toContain('nkd_');
    const { code, wallPath, expiresAt } = res.body.pairing;
    expect(code).toMatch(CODE);
    expect(wallPath).toBe(`/wall?pair=${code}`);
    const ttl = Date.parse(expiresAt) - before;
    expect(ttl).toBeGreaterThanOrEqual(TEN_MINUTES);
    expect(ttl).toBeLessThanOrEqual(TEN_MINUTES + 60_000);
  });

  it('still shows an ingest key its secret once', async () => {
    const res = await api(server.url, 'POST', '/api/v1/admin/tokens', {
      kind: 'ingest',
      label: 'Qlue',
      source: 'qlue',
    });
    expect(res.status).toBe(201);
    expect(res.body.secret).toMatch(/^nki_/);
    expect(res.body).not.toHaveProperty('pairing');
  });
});

describe('redeeming a pairing code', () => {
  it('gives the wall a token that opens the live stream and the stats', async () => {
    const made = await createDisplay('Layar A');
    const res = await redeem(made.body.pairing.code);
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^nkd_/);
    const s = connectClient(server.url, { token: res.body.token });
    const snap = await nextEvent(s, 'snapshot');
    expect(snap.count).toBe(incidentsOf(snap).length);
    s.disconnect();
    expect((await stats(res.body.token)).status).toBe(200);
  });

  it('accepts the code as people type it: lower case, without the dash', async () => {
    const made = await createDisplay('Layar B');
    const typed = String(made.body.pairing.code).replace('-', '').toLowerCase();
    expect((await redeem(typed)).status).toBe(200);
  });

  it('works once: the second use is refused, naming the code', async () => {
    const made = await createDisplay('Layar C');
    expect((await redeem(made.body.pairing.code)).status).toBe(200);
    const again = await redeem(made.body.pairing.code);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('pairing_unknown');
    expect(again.body.error.fields).toHaveProperty('code');
    expect(again.body).not.toHaveProperty('token');
  });

  it('refuses an expired code, and the code is spent by the refusal', async () => {
    const made = await createDisplay('Layar D');
    aheadMs = TEN_MINUTES + 1_000;
    const late = await redeem(made.body.pairing.code);
    expect(late.status).toBe(400);
    expect(late.body.error.code).toBe('pairing_expired');
    expect(late.body.error.fields).toHaveProperty('code');
    aheadMs = 0;
    expect((await redeem(made.body.pairing.code)).status).toBe(404);
  });

  it('takes a code just before it expires', async () => {
    const made = await createDisplay('Layar E');
    aheadMs = TEN_MINUTES - 5_000;
    expect((await redeem(made.body.pairing.code)).status).toBe(200);
  });

  it("refuses a revoked token's code, and will not pair it again", async () => {
    const made = await createDisplay('Layar F');
    expect(
      (await api(server.url, 'DELETE', `/api/v1/admin/tokens/${made.body.token.id}`)).status,
    ).toBe(200);
    const res = await redeem(made.body.pairing.code);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('pairing_revoked');
    expect(res.body.error.fields).toHaveProperty('code');
    const again = await pairAgain(made.body.token.id);
    expect(again.status).toBe(409);
    expect(again.body).not.toHaveProperty('pairing');
  });

  it.each([
    ['a code of the wrong shape', { code: 'ABCD-EFG0' }],
    ['no code', {}],
    ['a code that is not text', { code: 12345678 }],
    ['an unknown field', { code: 'ABCD-EFGH', token: 'x' }],
  ])('refuses %s with 400, naming the field', async (_n, body) => {
    const res = await api(server.url, 'POST', '/api/v1/auth/pair', body, { authorization: '' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)[0]).toMatch(/^(code|\(body\))$/);
  });

  it('refuses a well-formed code nobody issued', async () => {
    const res = await redeem('ZZZZ-ZZZZ');
    expect(res.status).toBe(404);
    expect(res.body.error.fields).toHaveProperty('code');
  });
});

describe('pairing a wall again', () => {
  it('replaces earlier codes, and the new wall cuts off the old one', async () => {
    const first = await pairedDisplayToken(server.url, 'Layar G');
    const old = connectClient(server.url, { token: first.secret });
    await nextEvent(old, 'snapshot');
    const gone = new Promise<string>((resolve) => old.on('disconnect', resolve));

    const replaced = await pairAgain(first.id);
    expect(replaced.status).toBe(201);
    expect(replaced.body).not.toHaveProperty('secret');
    const fresh = await pairAgain(first.id);
    expect(fresh.body.pairing.code).toMatch(CODE);
    expect((await redeem(replaced.body.pairing.code)).status).toBe(404);

    const paired = await redeem(fresh.body.pairing.code);
    expect(paired.status).toBe(200);
    expect(paired.body.token).not.toBe(first.secret);
    expect(await gone).toBe('io server disconnect');
    expect((await stats(first.secret)).status).toBe(401);
    expect((await stats(paired.body.token)).status).toBe(200);
  });

  it('is only for display tokens, and only for an admin', async () => {
    const key = await api(server.url, 'POST', '/api/v1/admin/tokens', {
      kind: 'api',
      label: 'Dasbor',
      role: 'viewer',
    });
    expect((await pairAgain(key.body.token.id)).status).toBe(409);
    expect((await pairAgain('no-such-token')).status).toBe(404);
    const wall = await pairedDisplayToken(server.url, 'Layar H');
    const asWall = await api(
      server.url,
      'POST',
      `/api/v1/admin/tokens/${wall.id}/pairing`,
      undefined,
      { authorization: `Bearer ${wall.secret}` },
    );
    expect(asWall.status).toBe(403);
  });
});

describe('what is kept', () => {
  it('stores pairing codes and wall secrets only as hashes', async () => {
    const made = await createDisplay('Layar I');
    const pending = String(made.body.pairing.code);
    const spent = String((await createDisplay('Layar J')).body.pairing.code);
    const secret = (await redeem(spent)).body.token as string;

    const db = new Database(server.dbFile, { readonly: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
        name: string;
      }[];
      const dump = tables
        .map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t.name}"`).all()))
        .join('\n');
      const sha = (s: string) => createHash('sha256').update(s).digest('hex');
      const plain = pending.replace('-', '');
      expect(dump).toContain(sha(plain));
      for (const clear of [pending, plain, spent, spent.replace('-', ''), secret])
        expect(dump).not.toContain(clear);
      const raw = [server.dbFile, `${server.dbFile}-wal`]
        .map((f) => {
          try {
            return readFileSync(f).toString('latin1');
          } catch {
            return '';
          }
        })
        .join('');
      for (const clear of [pending, plain, secret]) expect(raw).not.toContain(clear);
    } finally {
      db.close();
    }
  });
});

describe('guessing codes', () => {
  it('is rate-limited per address like login, even for a right code', async () => {
    const limited = await startServer({ env: { RATE_LOGIN_PER_MIN: '3' } });
    try {
      const made = await api(limited.url, 'POST', '/api/v1/admin/tokens', {
        kind: 'display',
        label: 'Layar K',
      });
      for (let i = 0; i < 3; i++)
        expect((await redeemPairing(limited.url, 'ZZZZ-ZZZZ')).status).toBe(404);
      const blocked = await redeemPairing(limited.url, made.body.pairing.code);
      expect(blocked.status).toBe(429);
      expect(blocked.body.error.code).toBe('rate_limited');
    } finally {
      await limited.dispose();
    }
  });
});

describe('demo start-up', () => {
  it('prints a fresh pairing link each start, keeping one demo wall token', async () => {
    const { file, cleanup } = tempDbFile();
    const auth = openSqliteAuthStore(file);
    try {
      const lines: string[] = [];
      const start = () =>
        bootstrapAuth(auth, {
          adminPassword: 'admin-password-for-tests',
          demo: true,
          baseUrl: 'http://127.0.0.1:8080',
          now: new Date(),
          log: (m) => lines.push(m),
        });
      await start();
      await start();
      const links = lines.filter((l) => l.startsWith('demo: wall display URL'));
      expect(links).toHaveLength(2);
      const codes = links.map((l) => {
        const m = l.match(
          /^demo: wall display URL \(open once within 10 minutes\): http:\/\/127\.0\.0\.1:8080\/wall\?pair=(\S+)$/,
        );
        expect(m, l).not.toBeNull();
        return m![1]!;
      });
      expect(codes[0]).toMatch(CODE);
      expect(codes[1]).not.toBe(codes[0]);
      expect(lines.join('\n')).not.toMatch(/token=|nkd_/);
      const walls = (await auth.listTokens()).filter((t) => t.label === 'Demo wall');
      expect(walls).toHaveLength(1);
      expect(walls[0]!.revokedAt).toBeNull();
      // The first start's code was replaced; the latest one pairs the demo wall.
      expect(await auth.redeemPairing(codes[0]!.replace('-', ''), new Date())).toMatchObject({
        ok: false,
      });
      const paired = await auth.redeemPairing(codes[1]!.replace('-', ''), new Date());
      expect(paired.ok && (await auth.tokenFor(paired.secret, new Date()))?.id).toBe(walls[0]!.id);
    } finally {
      await auth.close();
      cleanup();
    }
  });
});
