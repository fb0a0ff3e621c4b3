/**
 * The GeoReport v2 discovery document: where this endpoint is and which formats it
 * speaks, so a client given only the server's address can find its way.
 */
import type { NodeObject } from './format.ts';
import { list } from './format.ts';

const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When this endpoint's behaviour last changed; clients may cache discovery until it moves. */
const CHANGESET = '2026-12-01T00:00:00Z';

export function discoveryOf(baseUrl: string): NodeObject {
  return {
    changeset: CHANGESET,
    contact: 'Nakhoda command center (see /api/v1/city for the jurisdiction)',
    key_service: 'Ingest keys are issued by the command center administrators (/admin).',
    endpoints: list('endpoint', [
      {
        specification: SPECIFICATION,
        url: baseUrl,
        changeset: CHANGESET,
        type: 'production',
        formats: list('format', ['text/xml', 'application/json']),
      },
    ]),
  };
}
