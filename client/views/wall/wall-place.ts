/** Where an incident is, in words for the wall: its address, else its kelurahan, else coordinates. */
import type { CityPack } from '../../../shared/city/types.ts';
import type { Incident } from '../../../shared/domain/types.ts';
import type { WallMessage } from './wall-messages.ts';
import { areaNames } from './wall-selectors.ts';

const MAX_PLACE = 60;

export function placeOf(
  pack: CityPack,
  inc: Incident,
  t: (key: WallMessage, vars?: Record<string, string | number>) => string,
): string {
  const { kelurahan, kecamatan } = areaNames(pack, inc.kelurahanCode);
  const area = [kelurahan, kecamatan].filter(Boolean).join(', ');
  if (inc.address) {
    const address =
      inc.address.length > MAX_PLACE ? `${inc.address.slice(0, MAX_PLACE)}…` : inc.address;
    return area ? `${address} · ${area}` : address;
  }
  if (area) return area;
  return t('unknown_place', { lat: inc.location.lat.toFixed(4), lon: inc.location.lon.toFixed(4) });
}
