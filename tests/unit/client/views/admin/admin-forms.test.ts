/** The admin forms' pure rules, the login error wording and the home page's cards. */
import { describe, expect, it } from 'vitest';
import {
  checkNewToken,
  checkNewUser,
  newTokenBody,
  newUserBody,
  splitFieldErrors,
  wallUrl,
  type NewTokenForm,
  type NewUserForm,
} from '../../../../../client/views/admin/admin-forms.ts';
import { cardsFor, homeCounts } from '../../../../../client/views/home/home-cards.ts';
import { loginProblem } from '../../../../../client/views/login/login-error.ts';
import type { Incident, Severity, Status } from '../../../../../shared/domain/types.ts';

const user = (o: Partial<NewUserForm> = {}): NewUserForm => ({
  username: 'rina.s',
  name: 'Rina Sari',
  role: 'viewer',
  agency: '',
  fieldCrew: false,
  password: 'panjang-sekali',
  ...o,
});

describe('new user form', () => {
  it('accepts a valid viewer and sends no agency for it', () => {
    expect(checkNewUser(user())).toEqual({});
    expect(newUserBody(user({ agency: 'dsda', username: ' rina.s ', fieldCrew: true }))).toEqual({
      username: 'rina.s',
      name: 'Rina Sari',
      role: 'viewer',
      agency: null,
      fieldCrew: false,
      password: 'panjang-sekali',
    });
  });

  it.each([
    [{ username: 'Rina' }, { username: 'usernameFormat' }],
    [{ username: 'r' }, { username: 'usernameFormat' }],
    [{ username: 'rina sari' }, { username: 'usernameFormat' }],
    [{ name: '  ' }, { name: 'nameRequired' }],
    [{ password: '123456789' }, { password: 'passwordShort' }],
    [{ role: 'agency' as const }, { agency: 'agencyRequired' }],
  ])('refuses %j', (o, problems) => expect(checkNewUser(user(o))).toEqual(problems));

  it('keeps the agency of an agency operator', () => {
    const f = user({ role: 'agency', agency: 'dsda' });
    expect(checkNewUser(f)).toEqual({});
    expect(newUserBody(f).agency).toBe('dsda');
  });

  it('marks an agency operator as field crew only when asked', () => {
    expect(newUserBody(user({ role: 'agency', agency: 'dsda' })).fieldCrew).toBe(false);
    const crew = user({ role: 'agency', agency: 'dsda', fieldCrew: true });
    expect(newUserBody(crew).fieldCrew).toBe(true);
  });

  it('takes a password of exactly ten characters', () => {
    expect(checkNewUser(user({ password: '1234567890' }))).toEqual({});
  });
});

const token = (o: Partial<NewTokenForm> = {}): NewTokenForm => ({
  kind: 'display',
  label: 'Layar utama',
  source: 'qlue',
  role: 'viewer',
  agency: '',
  ...o,
});

describe('new token form', () => {
  it('builds the body each kind needs and nothing more', () => {
    expect(newTokenBody(token())).toEqual({ kind: 'display', label: 'Layar utama' });
    expect(newTokenBody(token({ kind: 'ingest', source: 'jaki' }))).toEqual({
      kind: 'ingest',
      label: 'Layar utama',
      source: 'jaki',
    });
    expect(newTokenBody(token({ kind: 'api', role: 'supervisor', agency: 'dsda' }))).toEqual({
      kind: 'api',
      label: 'Layar utama',
      role: 'supervisor',
    });
    expect(newTokenBody(token({ kind: 'api', role: 'agency', agency: 'dsda' }))).toEqual({
      kind: 'api',
      label: 'Layar utama',
      role: 'agency',
      agency: 'dsda',
    });
  });

  it('needs a label, and an agency for an agency API token', () => {
    expect(checkNewToken(token({ label: ' ' }))).toEqual({ label: 'labelRequired' });
    expect(checkNewToken(token({ kind: 'api', role: 'agency' }))).toEqual({
      agency: 'agencyRequired',
    });
    expect(checkNewToken(token({ role: 'agency' }))).toEqual({});
  });

  it('makes the wall link from a pairing code, grouped in fours, never a token', () => {
    expect(wallUrl('http://127.0.0.1:8080', 'ABCD-EFGH')).toBe(
      'http://127.0.0.1:8080/wall?pair=ABCD-EFGH',
    );
    expect(wallUrl('http://127.0.0.1:8080', 'abcdefgh')).toBe(
      'http://127.0.0.1:8080/wall?pair=ABCD-EFGH',
    );
  });
});

describe('splitFieldErrors', () => {
  const known = ['username', 'password'] as const;
  it('puts each message beside its field', () => {
    expect(
      splitFieldErrors(
        { message: "username: 'x' is taken", fields: { username: 'is taken' } },
        known,
      ),
    ).toEqual({ fields: { username: 'is taken' }, general: null });
  });
  it('turns fields the form lacks into the general line', () => {
    expect(
      splitFieldErrors(
        { message: 'bad', fields: { password: 'too short', '(body)': 'invalid JSON' } },
        known,
      ),
    ).toEqual({ fields: { password: 'too short' }, general: '(body): invalid JSON' });
  });
  it('uses the message when there are no fields', () => {
    expect(
      splitFieldErrors({ message: 'an admin cannot disable themselves', fields: {} }, known),
    ).toEqual({ fields: {}, general: 'an admin cannot disable themselves' });
  });
});

describe('loginProblem', () => {
  it.each([
    [{ status: 401, retryAfterS: null }, 'bad_credentials', 'wrongCredentials'],
    [{ status: 429, retryAfterS: 42 }, 'rate_limited', 'rateLimitedFor'],
    [{ status: 429, retryAfterS: null }, 'rate_limited', 'rateLimited'],
    [{ status: 0, retryAfterS: null }, 'network', 'serverDown'],
    [{ status: 502, retryAfterS: null }, 'server', 'serverError'],
    [{ status: 415, retryAfterS: null }, 'refused', 'refused'],
  ] as const)('%j is %s', (f, code, message) => {
    const p = loginProblem({ ...f, message: 'x' });
    expect(p.code).toBe(code);
    expect(p.message).toBe(message);
  });
  it('says how long to wait when the server tells', () => {
    expect(loginProblem({ status: 429, retryAfterS: 42, message: '' }).vars).toEqual({ s: 42 });
  });
});

/** homeCounts reads only status and severity. */
const incident = (o: { id: string; status: Status; severity: Severity }) =>
  ({ ...o }) as unknown as Incident;

describe('home cards', () => {
  it('offers each role what it may open', () => {
    expect(cardsFor('admin')).toEqual(['wall', 'ops', 'field', 'briefing', 'admin']);
    expect(cardsFor('agency')).toContain('field');
    expect(cardsFor('viewer')).not.toContain('field');
    expect(cardsFor('viewer')).toEqual(['wall', 'ops', 'briefing']);
    expect(cardsFor('display')).toEqual(['wall']);
    expect(cardsFor(null)).not.toContain('admin');
  });

  it('counts open, unverified and critical incidents, skipping ended ones', () => {
    const list = [
      incident({ id: 'a', status: 'received', severity: 'critical' }),
      incident({ id: 'b', status: 'in_progress', severity: 'low' }),
      incident({ id: 'c', status: 'resolved', severity: 'critical' }),
      incident({ id: 'd', status: 'received', severity: 'medium' }),
    ];
    expect(homeCounts(list)).toEqual({ open: 3, awaitingVerification: 2, critical: 1 });
  });
});
