/**
 * The Jakarta city pack: DKI Jakarta's agencies, categories, lifecycle and administrative
 * units, assembled into the shape every part of the product reads.
 */
import { TRANSITIONS } from '../../domain/transitions.ts';
import type { CityPack } from '../types.ts';
import { JAKARTA_ADMIN } from './admin.generated.ts';
import { JAKARTA_AGENCIES } from './agencies.ts';
import { JAKARTA_ANALYST } from './analyst.ts';
import { JAKARTA_CATEGORIES } from './categories.ts';

export { agencyByCode, categoryByCode, kelurahanByCode } from '../lookup.ts';

export const JAKARTA: CityPack = {
  code: 'jakarta',
  name: { id: 'DKI Jakarta', en: 'Jakarta' },
  timeZone: 'Asia/Jakarta',
  // Extent of the 267 kelurahan boundaries (HDX/BPS 2020) padded by about 0.02°, rounded
  // outwards. The north edge reaches Kepulauan Seribu (to about -5.18) so reports from the
  // islands are accepted; the mainland alone spans 106.69..106.97 E, -6.37..-6.09.
  bbox: [106.36, -6.4, 107.0, -5.16],
  center: { lon: 106.83, lat: -6.2, zoom: 10.5 },
  // About 0.7 km² cells: finer than a kelurahan, coarse enough to show hotspots city-wide.
  h3Resolution: 8,
  agencies: JAKARTA_AGENCIES,
  categories: JAKARTA_CATEGORIES,
  statuses: [
    { code: 'received', name: { id: 'Diterima', en: 'Received' } },
    { code: 'verified', name: { id: 'Terverifikasi', en: 'Verified' } },
    { code: 'dispatched', name: { id: 'Didisposisi', en: 'Dispatched' } },
    { code: 'in_progress', name: { id: 'Dikerjakan', en: 'In progress' } },
    { code: 'resolved', name: { id: 'Selesai', en: 'Resolved' } },
    { code: 'closed', name: { id: 'Ditutup', en: 'Closed' } },
    { code: 'rejected', name: { id: 'Ditolak', en: 'Rejected' } },
    { code: 'duplicate', name: { id: 'Duplikat', en: 'Duplicate' } },
  ],
  transitions: TRANSITIONS,
  admin: JAKARTA_ADMIN,
  analyst: JAKARTA_ANALYST,
};
