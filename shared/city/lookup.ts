/**
 * Code lookups into any city pack. Packs are static objects consulted on every event, so
 * the indexes are built once per pack and held in a WeakMap keyed by the pack itself.
 * Also the one rule for how area codes nest (`inArea`, `areaCodeAt`): Kemendagri codes
 * nest by prefix, kota 31.71 ⊃ kecamatan 31.71.01 ⊃ kelurahan 31.71.01.1001.
 */
import type { Status } from '../domain/types.ts';
import type { AdminUnit, Agency, Category, CityPack, LocalName } from './types.ts';

interface PackIndex {
  categories: Map<string, Category>;
  agencies: Map<string, Agency>;
  statuses: Map<string, { code: Status; name: LocalName }>;
  kota: Map<string, AdminUnit>;
  kecamatan: Map<string, AdminUnit>;
  kelurahan: Map<string, AdminUnit>;
}

const INDEXES = new WeakMap<CityPack, PackIndex>();

function byCode<T extends { code: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.code, item]));
}

function indexOf(pack: CityPack): PackIndex {
  let index = INDEXES.get(pack);
  if (!index) {
    index = {
      categories: byCode(pack.categories),
      agencies: byCode(pack.agencies),
      statuses: byCode(pack.statuses),
      kota: byCode(pack.admin.kota),
      kecamatan: byCode(pack.admin.kecamatan),
      kelurahan: byCode(pack.admin.kelurahan),
    };
    INDEXES.set(pack, index);
  }
  return index;
}

export function categoryByCode(pack: CityPack, code: string): Category | undefined {
  return indexOf(pack).categories.get(code);
}

export function agencyByCode(pack: CityPack, code: string): Agency | undefined {
  return indexOf(pack).agencies.get(code);
}

export function statusByCode(
  pack: CityPack,
  code: string,
): { code: Status; name: LocalName } | undefined {
  return indexOf(pack).statuses.get(code);
}

export function kotaByCode(pack: CityPack, code: string): AdminUnit | undefined {
  return indexOf(pack).kota.get(code);
}

export function kecamatanByCode(pack: CityPack, code: string): AdminUnit | undefined {
  return indexOf(pack).kecamatan.get(code);
}

export function kelurahanByCode(pack: CityPack, code: string): AdminUnit | undefined {
  return indexOf(pack).kelurahan.get(code);
}

/** A kelurahan, kecamatan or kota, whichever the code names. */
export function adminUnitByCode(pack: CityPack, code: string): AdminUnit | undefined {
  const index = indexOf(pack);
  return index.kelurahan.get(code) ?? index.kecamatan.get(code) ?? index.kota.get(code);
}

const DOT = 46;

/**
 * Whether a kelurahan lies in an area (a kota, a kecamatan, or the kelurahan itself).
 * Mirrored in SQL by the store's `area` filter (server/log/sqlite.store.ts).
 */
export function inArea(kelurahanCode: string | null, areaCode: string): boolean {
  if (kelurahanCode === null) return false;
  if (kelurahanCode.length === areaCode.length) return kelurahanCode === areaCode;
  return (
    kelurahanCode.length > areaCode.length &&
    kelurahanCode.charCodeAt(areaCode.length) === DOT &&
    kelurahanCode.startsWith(areaCode)
  );
}

export type AreaLevel = 'kota' | 'kecamatan';

const LEVEL_PARTS: Record<AreaLevel, number> = { kota: 2, kecamatan: 3 };

/** The code of the kota or kecamatan that holds `code` (the code itself when no deeper). */
export function areaCodeAt(code: string, level: AreaLevel): string {
  let end = -1;
  for (let part = 0; part < LEVEL_PARTS[level]; part += 1) {
    end = code.indexOf('.', end + 1);
    if (end < 0) return code;
  }
  return code.slice(0, end);
}
