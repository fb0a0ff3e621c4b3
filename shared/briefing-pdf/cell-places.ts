/**
 * Names an H3 cell by its main kelurahan (shared/domain/cell-kelurahan.ts), or by its
 * centre's coordinates where reports carry no kelurahan.
 */
import { cellToLatLng } from 'h3-js';
import { formatNumber, type Locale } from '../i18n/format.ts';

/** A cell's name: its main kelurahan, or its centre's coordinates when none is known. */
export function cellLabel(
  h3: string,
  places: ReadonlyMap<string, string>,
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
