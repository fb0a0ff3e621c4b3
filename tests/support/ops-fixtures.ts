/** A compact incident builder for the ops console's unit tests. */
import type { Incident } from '../../shared/domain/types.ts';

export const T0 = Date.parse('2026-11-27T03:00:00Z');
export const iso = (ms: number) => new Date(ms).toISOString();
export const MIN = 60_000;

export function incident(overrides: Partial<Incident> & { id: string }): Incident {
  return {
    source: 'jaki',
    externalId: null,
    category: 'road_damage',
    severity: 'medium',
    description: 'Jalan berlubang',
    reporter: null,
    location: { lon: 106.82, lat: -6.18 },
    address: 'Jl. Merdeka Barat',
    kelurahanCode: '31.71.01.1001',
    h3: '88000000000000',
    reportedAt: iso(T0 - 30 * MIN),
    status: 'received',
    agency: 'bina_marga',
    responseDueAt: iso(T0 + 60 * MIN),
    resolveDueAt: iso(T0 + 24 * 60 * MIN),
    firstResponseAt: null,
    resolvedAt: null,
    endedAt: null,
    updatedAt: iso(T0 - 30 * MIN),
    notes: 0,
    lastSeq: 1,
    ...overrides,
  };
}
