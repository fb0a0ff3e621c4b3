/**
 * Wall pairing codes: the short, single-use code an admin reads off /admin and a wall
 * opens as `/wall?pair=CODE`, so no long-lived secret ever sits in a URL or in the
 * browser's history. The server mints and redeems them; the admin page and the wall
 * show them. The alphabet leaves out 0/O and 1/I, which are misread across a room.
 */
import { MINUTE_MS } from './time.ts';

export const PAIRING_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const PAIRING_CODE_LENGTH = 8;
/** How long a code may wait to be opened on the wall. */
export const PAIRING_TTL_MS = 10 * MINUTE_MS;
/** The query parameter a wall link carries its code in. */
export const PAIRING_PARAM = 'pair';

/** A code as the admin page shows it and as a wall link carries it. */
export interface WallPairing {
  /** `XXXX-XXXX`. */
  code: string;
  expiresAt: string;
  /** Same-origin path to open once on the wall: `/wall?pair=XXXX-XXXX`. */
  wallPath: string;
}

/** Groups a code in fours, as people read and type it: `ABCD-EFGH` (either form in). */
export function formatPairingCode(code: string): string {
  const plain = code.toUpperCase().replace(/[\s-]/g, '');
  return plain.match(/.{1,4}/g)?.join('-') ?? plain;
}

/**
 * The canonical code behind what someone typed or a link carried: upper case, without
 * the dash and spaces; null when it cannot be a code at all.
 */
export function normalizePairingCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== PAIRING_CODE_LENGTH) return null;
  for (const ch of code) if (!PAIRING_ALPHABET.includes(ch)) return null;
  return code;
}

export function wallPairingPath(code: string): string {
  return `/wall?${PAIRING_PARAM}=${formatPairingCode(code)}`;
}
