/**
 * The secrets the auth stores mint and the one way each is hashed before it is stored.
 * Random tokens and session ids are hashed with SHA-256: they are high-entropy, so a fast
 * hash is safe. Pairing codes too: short, but single-use, expiring within minutes and
 * guessed only through a rate limit. Passwords are Argon2id, hashed by the callers.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { TokenKind } from '../../shared/domain/accounts.ts';
import { PAIRING_ALPHABET, PAIRING_CODE_LENGTH } from '../../shared/domain/pairing.ts';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const newSecret = (prefix: string) => `${prefix}_${randomBytes(32).toString('base64url')}`;

/** The prefix says what a secret is when it turns up in a paste or a log: nkd, nki, nka. */
export const newTokenSecret = (kind: TokenKind) =>
  newSecret(kind === 'display' ? 'nkd' : kind === 'ingest' ? 'nki' : 'nka');

export const newSessionSecret = () => newSecret('nks');

/** 256 is a multiple of the alphabet's 32 letters, so `byte % 32` is uniform. */
export const newPairingCode = () =>
  Array.from(randomBytes(PAIRING_CODE_LENGTH), (b) => PAIRING_ALPHABET[b % 32]).join('');
