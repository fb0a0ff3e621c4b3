/**
 * Names for the codes a briefing shows, from the city pack: agencies, categories and
 * statuses in the reader's language; kota, kecamatan and kelurahan by their official
 * (Indonesian) names. An unknown code shows as itself rather than vanishing.
 */
import type { AdminUnit, CityPack } from '../../../shared/city/types.ts';
import { localName, type Locale } from '../../i18n/locale.tsx';

interface AdminIndex {
  kota: Map<string, AdminUnit>;
  kecamatan: Map<string, AdminUnit>;
  kelurahan: Map<string, AdminUnit>;
}

const INDEXES = new WeakMap<CityPack, AdminIndex>();

function adminIndex(pack: CityPack): AdminIndex {
  let index = INDEXES.get(pack);
  if (!index) {
    const byCode = (units: AdminUnit[]) => new Map(units.map((u) => [u.code, u]));
    index = {
      kota: byCode(pack.admin.kota),
      kecamatan: byCode(pack.admin.kecamatan),
      kelurahan: byCode(pack.admin.kelurahan),
    };
    INDEXES.set(pack, index);
  }
  return index;
}

export function agencyName(pack: CityPack, code: string, locale: Locale): string {
  const agency = pack.agencies.find((a) => a.code === code);
  return agency ? localName(agency.name, locale) : code;
}

export function agencyShort(pack: CityPack, code: string): string {
  return pack.agencies.find((a) => a.code === code)?.short ?? code;
}

export function categoryName(pack: CityPack, code: string, locale: Locale): string {
  const category = pack.categories.find((c) => c.code === code);
  return category ? localName(category.name, locale) : code;
}

export function statusName(pack: CityPack, code: string, locale: Locale): string {
  const status = pack.statuses.find((s) => s.code === code);
  return status ? localName(status.name, locale) : code;
}

/** A kota, kecamatan or kelurahan by its code (the code's length tells which). */
export function adminName(pack: CityPack, code: string | null): string {
  if (!code) return '–';
  const index = adminIndex(pack);
  return (
    index.kelurahan.get(code)?.name ??
    index.kecamatan.get(code)?.name ??
    index.kota.get(code)?.name ??
    code
  );
}

/** "Kelurahan, Kecamatan": kelurahan names repeat across the city, their kecamatan tells them apart. */
export function kelurahanLabel(pack: CityPack, code: string | null): string {
  if (!code) return '–';
  const index = adminIndex(pack);
  const kel = index.kelurahan.get(code);
  if (!kel) return code;
  const kec = kel.parent ? index.kecamatan.get(kel.parent) : undefined;
  return kec ? `${kel.name}, ${kec.name}` : kel.name;
}

/**
 * Where an incident is: its kelurahan when known (boundaries configured, or given by the
 * source), else the address the report gave (citizen text, shown as text), else "–".
 */
export function placeLabel(
  pack: CityPack,
  i: { kelurahanCode: string | null; address: string | null },
): string {
  if (i.kelurahanCode) return kelurahanLabel(pack, i.kelurahanCode);
  return i.address?.trim() || '–';
}

/** "Kecamatan, Kota". */
export function kecamatanLabel(pack: CityPack, code: string): string {
  const index = adminIndex(pack);
  const kec = index.kecamatan.get(code);
  if (!kec) return code;
  const kota = kec.parent ? index.kota.get(kec.parent) : undefined;
  return kota ? `${kec.name}, ${kota.name}` : kec.name;
}
