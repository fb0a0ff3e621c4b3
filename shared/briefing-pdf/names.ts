/**
 * Names for the codes a briefing shows, from the city pack: agencies, categories and
 * statuses in the reader's language; kota, kecamatan and kelurahan by their official
 * (Indonesian) names. An unknown code shows as itself rather than vanishing.
 */
import {
  adminUnitByCode,
  agencyByCode,
  categoryByCode,
  kecamatanByCode,
  kelurahanByCode,
  kotaByCode,
  statusByCode,
} from '../city/lookup.ts';
import type { CityPack } from '../city/types.ts';
import { localName, type Locale } from '../i18n/format.ts';

export function agencyName(pack: CityPack, code: string, locale: Locale): string {
  const agency = agencyByCode(pack, code);
  return agency ? localName(agency.name, locale) : code;
}

export function agencyShort(pack: CityPack, code: string): string {
  return agencyByCode(pack, code)?.short ?? code;
}

export function categoryName(pack: CityPack, code: string, locale: Locale): string {
  const category = categoryByCode(pack, code);
  return category ? localName(category.name, locale) : code;
}

export function statusName(pack: CityPack, code: string, locale: Locale): string {
  const status = statusByCode(pack, code);
  return status ? localName(status.name, locale) : code;
}

/** A kota, kecamatan or kelurahan by its code. */
export function adminName(pack: CityPack, code: string | null): string {
  if (!code) return '–';
  return adminUnitByCode(pack, code)?.name ?? code;
}

/** "Kelurahan, Kecamatan": kelurahan names repeat across the city, their kecamatan tells them apart. */
export function kelurahanLabel(pack: CityPack, code: string | null): string {
  if (!code) return '–';
  const kel = kelurahanByCode(pack, code);
  if (!kel) return code;
  const kec = kel.parent ? kecamatanByCode(pack, kel.parent) : undefined;
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
  const kec = kecamatanByCode(pack, code);
  if (!kec) return code;
  const kota = kec.parent ? kotaByCode(pack, kec.parent) : undefined;
  return kota ? `${kec.name}, ${kota.name}` : kec.name;
}
