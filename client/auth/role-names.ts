/** What each role is called on screen, Indonesian and English, for menus, tables and selects. */
import type { Role } from '../../shared/domain/access.ts';
import type { LocalName } from '../../shared/city/types.ts';

export const ROLE_NAMES: Record<Role, LocalName> = {
  admin: { id: 'Administrator', en: 'Administrator' },
  supervisor: { id: 'Supervisor', en: 'Supervisor' },
  agency: { id: 'Operator dinas', en: 'Agency operator' },
  viewer: { id: 'Pemantau', en: 'Viewer' },
  display: { id: 'Layar dinding', en: 'Wall display' },
  ingest: { id: 'Kunci masukan', en: 'Ingest key' },
};
