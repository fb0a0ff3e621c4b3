/**
 * Code lookups into any city pack. Packs are static objects consulted on every event, so
 * the indexes are built once per pack and held in a WeakMap keyed by the pack itself.
 */
import type { AdminUnit, Agency, Category, CityPack } from './types.ts';

interface PackIndex {
  categories: Map<string, Category>;
  agencies: Map<string, Agency>;
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

export function kelurahanByCode(pack: CityPack, code: string): AdminUnit | undefined {
  return indexOf(pack).kelurahan.get(code);
}
