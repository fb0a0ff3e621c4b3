/** The Jakarta city pack: generated admin data, routing and lifecycle hold together. */
import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../../../shared/domain/types.ts';
import {
  JAKARTA,
  agencyByCode,
  categoryByCode,
  kelurahanByCode,
} from '../../../../shared/city/jakarta/index.ts';

const { admin } = JAKARTA;

describe('Jakarta admin hierarchy', () => {
  it.each([
    ['kota', admin.kota, 6, /^31\.\d{2}$/],
    ['kecamatan', admin.kecamatan, 44, /^31\.\d{2}\.\d{2}$/],
    ['kelurahan', admin.kelurahan, 267, /^31\.\d{2}\.\d{2}\.\d{4}$/],
  ] as const)('%s: count, dotted codes, unique', (_level, units, count, pattern) => {
    expect(units).toHaveLength(count);
    for (const u of units) expect(u.code).toMatch(pattern);
    expect(new Set(units.map((u) => u.code)).size).toBe(count);
  });

  it('links every kelurahan to a kecamatan and every kecamatan to a kota', () => {
    const kota = new Set(admin.kota.map((u) => u.code));
    const kecamatan = new Map(admin.kecamatan.map((u) => [u.code, u]));
    for (const kel of admin.kelurahan) {
      const kec = kecamatan.get(kel.parent ?? '');
      expect(kec?.code, kel.code).toBe(kel.parent);
      expect(kota.has(kec?.parent ?? ''), kel.code).toBe(true);
      // Codes are hierarchical, so the prefix must agree with the parent link.
      expect(kel.code.startsWith(`${kel.parent}.`)).toBe(true);
    }
    for (const k of admin.kota) expect(k.parent).toBeNull();
  });

  it('uses readable names, not the upper-case source spelling', () => {
    expect(admin.kota.map((u) => u.name).sort()).toEqual([
      'Jakarta Barat',
      'Jakarta Pusat',
      'Jakarta Selatan',
      'Jakarta Timur',
      'Jakarta Utara',
      'Kepulauan Seribu',
    ]);
    for (const u of [...admin.kota, ...admin.kecamatan, ...admin.kelurahan]) {
      expect(u.name).not.toBe(u.name.toUpperCase());
    }
  });

  it.each([
    ['31.72.01.1005', 'Pluit', '31.72.01', 'Penjaringan', 'Jakarta Utara'],
    ['31.75.03.1001', 'Kampung Melayu', '31.75.03', 'Jatinegara', 'Jakarta Timur'],
    ['31.71.01.1001', 'Gambir', '31.71.01', 'Gambir', 'Jakarta Pusat'],
    ['31.01.01.1001', 'Pulau Panggang', '31.01.01', 'Kepulauan Seribu Utara', 'Kepulauan Seribu'],
  ])('%s is %s in %s (%s, %s)', (code, name, kecCode, kecName, kotaName) => {
    const kel = kelurahanByCode(JAKARTA, code);
    expect(kel).toEqual({ code, name, parent: kecCode });
    const kec = admin.kecamatan.find((u) => u.code === kecCode);
    expect(kec?.name).toBe(kecName);
    expect(admin.kota.find((u) => u.code === kec?.parent)?.name).toBe(kotaName);
  });

  it('carries the ODbL attribution of its source', () => {
    expect(admin.attribution).toMatch(/idn-area-data/);
    expect(admin.attribution).toMatch(/ODbL/);
  });
});

describe('Jakarta agencies and categories', () => {
  it('routes every category to an agency that exists', () => {
    for (const c of JAKARTA.categories) {
      expect(agencyByCode(JAKARTA, c.agency)?.code, c.code).toBe(c.agency);
    }
  });

  it.each([
    ['agencies', JAKARTA.agencies.map((a) => a.code)],
    ['categories', JAKARTA.categories.map((c) => c.code)],
  ])('%s have unique codes', (_what, codes) => {
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each([
    // code, agency, severity, response min, resolve min
    ['fire', 'gulkarmat', 'critical', 15, 1440],
    ['flooding', 'dsda', 'high', 60, 2880],
    ['fallen_tree', 'distamhut', 'high', 120, 2880],
    ['traffic_jam', 'dishub', 'medium', 60, 1440],
    ['road_damage', 'bina_marga', 'medium', 1440, 10080],
    ['street_light', 'bina_marga', 'low', 1440, 10080],
    ['garbage', 'dlh', 'low', 1440, 10080],
    ['other', 'command_center', 'low', 1440, 10080],
  ] as const)('%s → %s, %s, SLA %i/%i min', (code, agency, severity, response, resolve) => {
    expect(categoryByCode(JAKARTA, code)).toMatchObject({
      agency,
      defaultSeverity: severity,
      sla: { responseMinutes: response, resolveMinutes: resolve },
    });
  });

  it('returns undefined for unknown codes', () => {
    expect(categoryByCode(JAKARTA, 'nope')).toBeUndefined();
    expect(agencyByCode(JAKARTA, 'nope')).toBeUndefined();
    expect(kelurahanByCode(JAKARTA, '31.99.99.9999')).toBeUndefined();
  });
});

describe('Jakarta lifecycle and geography', () => {
  it('names every status and gives each a transitions entry', () => {
    expect(JAKARTA.statuses.map((s) => s.code)).toEqual([...STATUSES]);
    for (const s of STATUSES) expect(JAKARTA.transitions[s]).toBeInstanceOf(Array);
  });

  it('has a bbox that contains its center and the islands', () => {
    const [w, s, e, n] = JAKARTA.bbox;
    expect(w < JAKARTA.center.lon && JAKARTA.center.lon < e).toBe(true);
    expect(s < JAKARTA.center.lat && JAKARTA.center.lat < n).toBe(true);
    // Pulau Pramuka (Kepulauan Seribu) and Monas.
    for (const [lon, lat] of [
      [106.615, -5.745],
      [106.827, -6.175],
    ] as const) {
      expect(w < lon && lon < e && s < lat && lat < n).toBe(true);
    }
  });
});
