/**
 * What the home page offers whom, and the few live numbers on its cards. Pure, so the
 * role rules are tested without a browser; the server enforces them again on every call.
 */
import type { Role } from '../../../shared/domain/access.ts';
import type { Incident } from '../../../shared/domain/types.ts';
import { TERMINAL_STATUSES } from '../../../shared/domain/types.ts';

export type CardKey = 'wall' | 'ops' | 'field' | 'briefing' | 'admin';

const CARDS_BY_ROLE: Record<Role, CardKey[]> = {
  admin: ['wall', 'ops', 'field', 'briefing', 'admin'],
  supervisor: ['wall', 'ops', 'field', 'briefing'],
  agency: ['wall', 'ops', 'field', 'briefing'],
  viewer: ['wall', 'ops', 'briefing'],
  display: ['wall'],
  ingest: [],
};

/** While the role is unknown, the cards every person may open (admin appears once known). */
export function cardsFor(role: Role | null): CardKey[] {
  return role ? CARDS_BY_ROLE[role] : ['wall', 'ops', 'briefing'];
}

export interface HomeCounts {
  open: number;
  /** Received and not yet verified: the command center's first queue. */
  awaitingVerification: number;
  /** Open and critical. */
  critical: number;
}

export function homeCounts(incidents: readonly Incident[]): HomeCounts {
  const counts: HomeCounts = { open: 0, awaitingVerification: 0, critical: 0 };
  for (const i of incidents) {
    if (TERMINAL_STATUSES.includes(i.status)) continue;
    counts.open++;
    if (i.status === 'received') counts.awaitingVerification++;
    if (i.severity === 'critical') counts.critical++;
  }
  return counts;
}
