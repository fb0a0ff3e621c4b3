/** Pairing codes as people read, type and link them: one canonical form behind each. */
import { describe, expect, it } from 'vitest';
import {
  formatPairingCode,
  normalizePairingCode,
  PAIRING_ALPHABET,
  wallPairingPath,
} from '../../../../shared/domain/pairing.ts';

describe('pairing codes', () => {
  it.each([
    ['ABCD-EFGH', 'ABCDEFGH'],
    ['abcd-efgh', 'ABCDEFGH'],
    [' ABCD EFGH ', 'ABCDEFGH'],
    ['23456789', '23456789'],
  ])('reads %j as %s', (input, code) => expect(normalizePairingCode(input)).toBe(code));

  it.each([
    ['ABCD-EFG', 'too short'],
    ['ABCD-EFGHJ', 'too long'],
    ['ABCD-EFG0', 'zero, read as O'],
    ['ABCD-EFGI', 'I, read as 1'],
    ['ABCD-EF_H', 'not a letter or digit'],
    ['', 'empty'],
  ])('refuses %j (%s)', (input) => expect(normalizePairingCode(input)).toBeNull());

  it('uses 32 glyphs without 0, O, 1 or I', () => {
    expect(new Set(PAIRING_ALPHABET).size).toBe(32);
    expect(PAIRING_ALPHABET).not.toMatch(/[01OI]/);
  });

  it('groups in fours for people and links', () => {
    expect(formatPairingCode('ABCDEFGH')).toBe('ABCD-EFGH');
    expect(formatPairingCode('abcd-efgh')).toBe('ABCD-EFGH');
    expect(wallPairingPath('ABCDEFGH')).toBe('/wall?pair=ABCD-EFGH');
  });
});
