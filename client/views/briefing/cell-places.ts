/**
 * Names an H3 cell by the kelurahan most of its reports came from (how people know the
 * place), or by its centre's coordinates where reports carry no kelurahan.
 */
import { cellToLatLng } from 'h3-js';
import type { Incident } from '../../../shared/domain/types.ts';
import { formatNumber, type Locale } from '../../i18n/locale.tsx';

export function cellPlaces(incidents: readonly Incident[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const i of incidents) {
    if (!i.kelurahanCode) continue;
    let byKel = counts.get(i.h3);
    if (!byKel) counts.set(i.h3, (byKel = new Map()));
    byKel.set(i.kelurahanCode, (byKel.get(i.kelurahanCode) ?? 0) + 1);
  }
  const places = new Map<string, string>();
  for (const [cell, byKel] of counts) {
    const best = [...byKel].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    if (best) places.set(cell, best[0]);
  }
  return places;
}

/** A cell's name: its main kelurahan, or its centre's coordinates when none is known. */
export function cellLabel(
  h3: string,
  places: Map<string, string>,
  kelurahanLabel: (code: string) => string,
  locale: Locale,
): string {
  const kel = places.get(h3);
  if (kel) return kelurahanLabel(kel);
  const [lat, lon] = cellToLatLng(h3);
  const n = (v: number) => formatNumber(Math.abs(v), locale, 3);
  const ns = lat < 0 ? (locale === 'id' ? 'LS' : 'S') : locale === 'id' ? 'LU' : 'N';
  const ew = lon < 0 ? (locale === 'id' ? 'BB' : 'W') : locale === 'id' ? 'BT' : 'E';
  return `${n(lat)}° ${ns}, ${n(lon)}° ${ew}`;
}
