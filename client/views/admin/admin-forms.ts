/**
 * The admin forms' pure rules: the same checks the server makes (so most mistakes are
 * caught before sending), the request bodies, the split of a refusal's field messages
 * between the form's fields and a general line, and the wall link a pairing code makes.
 */
import type { LocalName } from '../../../shared/city/types.ts';
import type { UserRole } from '../../../shared/domain/access.ts';
import { wallPairingPath } from '../../../shared/domain/pairing.ts';
import type { Source } from '../../../shared/domain/types.ts';
import type { NewToken, NewUser, TokenKind } from './admin-api.ts';

export const MIN_PASSWORD = 10;
/** As the server's schema: lower-case letters, digits, `.`, `_`, `-`; 2 to 64 characters. */
export const USERNAME_PATTERN = /^[a-z0-9._-]{2,64}$/;

export type Problem =
  'usernameFormat' | 'nameRequired' | 'passwordShort' | 'agencyRequired' | 'labelRequired';

export interface NewUserForm {
  username: string;
  name: string;
  role: UserRole;
  agency: string;
  /** Only for agency operators: an admin marks who works in the field. */
  fieldCrew: boolean;
  password: string;
}

export function checkPassword(password: string): Problem | null {
  return password.length < MIN_PASSWORD ? 'passwordShort' : null;
}

export function checkNewUser(f: NewUserForm): Partial<Record<keyof NewUserForm, Problem>> {
  const out: Partial<Record<keyof NewUserForm, Problem>> = {};
  if (!USERNAME_PATTERN.test(f.username.trim())) out.username = 'usernameFormat';
  if (!f.name.trim()) out.name = 'nameRequired';
  if (f.role === 'agency' && !f.agency) out.agency = 'agencyRequired';
  const pw = checkPassword(f.password);
  if (pw) out.password = pw;
  return out;
}

export function newUserBody(f: NewUserForm): NewUser {
  return {
    username: f.username.trim(),
    name: f.name.trim(),
    role: f.role,
    // Only agency operators belong to an agency.
    agency: f.role === 'agency' ? f.agency : null,
    fieldCrew: f.role === 'agency' && f.fieldCrew,
    password: f.password,
  };
}

export interface NewTokenForm {
  kind: TokenKind;
  label: string;
  source: Source;
  role: UserRole;
  agency: string;
}

export function checkNewToken(f: NewTokenForm): Partial<Record<keyof NewTokenForm, Problem>> {
  const out: Partial<Record<keyof NewTokenForm, Problem>> = {};
  if (!f.label.trim()) out.label = 'labelRequired';
  if (f.kind === 'api' && f.role === 'agency' && !f.agency) out.agency = 'agencyRequired';
  return out;
}

export function newTokenBody(f: NewTokenForm): NewToken {
  const label = f.label.trim();
  if (f.kind === 'display') return { kind: 'display', label };
  if (f.kind === 'ingest') return { kind: 'ingest', label, source: f.source };
  return f.role === 'agency'
    ? { kind: 'api', label, role: f.role, agency: f.agency }
    : { kind: 'api', label, role: f.role };
}

/**
 * Puts each of the server's field messages beside the field it names; what names no
 * field of this form (or a refusal with no fields at all) becomes the general line.
 */
export function splitFieldErrors<F extends string>(
  failure: { message: string; fields: Record<string, string> },
  known: readonly F[],
): { fields: Partial<Record<F, string>>; general: string | null } {
  const fields: Partial<Record<F, string>> = {};
  const rest: string[] = [];
  for (const [key, message] of Object.entries(failure.fields)) {
    if ((known as readonly string[]).includes(key)) fields[key as F] = message;
    else rest.push(`${key}: ${message}`);
  }
  const general =
    rest.length > 0 ? rest.join('; ') : Object.keys(fields).length === 0 ? failure.message : null;
  return { fields, general };
}

/** The link a wall display is opened with once; it pairs, keeps its token and drops the code. */
export function wallUrl(origin: string, code: string): string {
  return `${origin}${wallPairingPath(code)}`;
}

export const SOURCE_NAMES: Record<Source, LocalName> = {
  jaki: { id: 'JAKI', en: 'JAKI' },
  qlue: { id: 'Qlue', en: 'Qlue' },
  lapor: { id: 'LAPOR!', en: 'LAPOR!' },
  twitter: { id: 'Twitter/X', en: 'Twitter/X' },
  email: { id: 'Surel', en: 'Email' },
  call112: { id: 'Panggilan 112', en: 'Call 112' },
  cctv: { id: 'CCTV', en: 'CCTV' },
  sensor: { id: 'Sensor', en: 'Sensor' },
  field: { id: 'Petugas lapangan', en: 'Field crew' },
  simulator: { id: 'Simulator', en: 'Simulator' },
  open311: { id: 'Open311', en: 'Open311' },
};
