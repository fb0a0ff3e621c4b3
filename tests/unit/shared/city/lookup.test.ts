/**
 * Lookups into a city pack by code, and the one rule for how area codes nest
 * (kota 31.71 ⊃ kecamatan 31.71.01 ⊃ kelurahan 31.71.01.1001).
 */
import { describe, expect, it } from 'vitest';
import { JAKARTA } from '../../../../shared/city/jakarta/index.ts';
import {
  adminUnitByCode,
  areaCodeAt,
  inArea,
  kecamatanByCode,
  kotaByCode,
  statusByCode,
  type AreaLevel,
} from '../../../../shared/city/lookup.ts';

const GAMBIR_KEL = '31.71.01.1001';

describe('area codes nest by prefix', () => {
  it.each<[string, string | null, string, boolean]>([
    ['in its kota', GAMBIR_KEL, '31.71', true],
    ['in its kecamatan', GAMBIR_KEL, '31.71.01', true],
    ['in itself', GAMBIR_KEL, GAMBIR_KEL, true],
    ['not in another kota', GAMBIR_KEL, '31.72', false],
    ['not in another kecamatan of its kota', GAMBIR_KEL, '31.71.02', false],
    ['not in a code it merely starts with', '31.71.10.1001', '31.71.1', false],
    ['not in a sibling kelurahan', GAMBIR_KEL, '31.71.01.1002', false],
    ['not in a deeper area', '31.71.01', GAMBIR_KEL, false],
    ['nowhere without a kelurahan', null, '31.71', false],
  ])('a kelurahan is %s', (_name, code, area, expected) => {
    expect(inArea(code, area)).toBe(expected);
  });

  it.each<[string, AreaLevel, string]>([
    [GAMBIR_KEL, 'kecamatan', '31.71.01'],
    [GAMBIR_KEL, 'kota', '31.71'],
    ['31.71.01', 'kecamatan', '31.71.01'],
    ['31.71.01', 'kota', '31.71'],
    ['31.71', 'kecamatan', '31.71'],
  ])('areaCodeAt(%s, %s) = %s', (code, level, out) => {
    expect(areaCodeAt(code, level)).toBe(out);
  });
});

describe('pack lookups', () => {
  it.each([
    ['31.71', 'Jakarta Pusat'],
    ['31.71.01', 'Gambir'],
    [GAMBIR_KEL, 'Gambir'],
    ['31.71.01.1002', 'Cideng'],
    ['31.99', undefined],
  ])('adminUnitByCode(%s) is named %s', (code, name) => {
    expect(adminUnitByCode(JAKARTA, code)?.name).toBe(name);
  });

  it('finds each level only among its own units', () => {
    expect(kotaByCode(JAKARTA, '31.71')?.name).toBe('Jakarta Pusat');
    expect(kotaByCode(JAKARTA, '31.71.01')).toBeUndefined();
    expect(kecamatanByCode(JAKARTA, '31.71.01')?.parent).toBe('31.71');
    expect(kecamatanByCode(JAKARTA, GAMBIR_KEL)).toBeUndefined();
  });

  it.each([
    ['received', 'Diterima'],
    ['nope', undefined],
  ])('statusByCode(%s) is %s in Indonesian', (code, name) => {
    expect(statusByCode(JAKARTA, code)?.name.id).toBe(name);
  });
});
