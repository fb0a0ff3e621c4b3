/**
 * The snapshot's wire form: every incident comes back exactly as it went in, whatever its
 * nulls, optional fields, text or times; bytes of another form are refused.
 */
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/domain/types.ts';
import {
  decodeIncidents,
  INCIDENT_CODEC,
  packIncidents,
  unpackIncidents,
} from '../../../shared/incident-codec.ts';
import { makeLog } from '../../support/fixtures.ts';

const T = '2026-12-01T03:00:00.000Z';

/** A reported, worked and resolved incident from the real command rules. */
function worked(): Incident {
  const log = makeLog();
  log.report('w', T, {
    description: 'Banjir 40 cm — "jalan ditutup" ✓',
    reporter: { name: 'Siti', phone: '+62811' },
    address: 'Jl. Pluit Raya',
  });
  log.update('w', '2026-12-01T03:10:00.000Z', { status: 'dispatched', note: 'OTW' });
  log.update('w', '2026-12-01T05:00:00.000Z', { status: 'resolved' });
  return log.state.incidents.get('w') as Incident;
}

function fresh(): Incident {
  const log = makeLog();
  log.report('f', T);
  return log.state.incidents.get('f') as Incident;
}

const cases: [string, Incident[]][] = [
  ['no incidents', []],
  ['a fresh report (nulls, no reporter)', [fresh()]],
  ['a resolved one with reporter, notes, unicode text', [worked()]],
  [
    'one without the optional times (stored before they were kept)',
    [(({ loggedAt: _l, lastFieldAt: _f, ...rest }) => rest)(worked())],
  ],
  [
    'a kelurahan code of null beside one with a code',
    [fresh(), { ...fresh(), id: 'g', kelurahanCode: null }],
  ],
  [
    'a time that is not in canonical form survives verbatim',
    [{ ...fresh(), reportedAt: '2026-12-01T10:00:00+07:00' }],
  ],
  [
    'precise coordinates and large seqs',
    [{ ...fresh(), location: { lon: 106.8271234567, lat: -6.1754321 }, lastSeq: 2 ** 40 }],
  ],
  [
    'a master, a report linked to it, and one split off again',
    [
      { ...fresh(), id: 'm', reporters: 2 },
      { ...fresh(), id: 'l', duplicateOf: 'm' },
      { ...fresh(), id: 's', duplicateOf: null, reporters: 1 },
    ],
  ],
  [
    "a field crew's claim, photos and a waiver beside one without",
    [
      {
        ...worked(),
        assignee: 'sda',
        photos: [{ photoId: 'a'.repeat(64), kind: 'after', takenAt: T, distanceM: 12 }],
        proofWaived: { by: 'sup', note: 'kamera rusak' },
      },
      { ...fresh(), id: 'u', assignee: null },
    ],
  ],
];

describe('incident codec', () => {
  it.each(cases)('round-trips %s', (_name, incidents) => {
    const back = unpackIncidents(packIncidents(incidents));
    expect(back).toStrictEqual(incidents.map((i) => ({ ...i })));
  });

  it('keeps absent optional fields absent, not undefined', () => {
    const { loggedAt: _l, ...without } = fresh();
    const [back] = unpackIncidents(packIncidents([without as Incident]));
    expect(Object.keys(back as object)).not.toContain('loggedAt');
  });

  it('decodes the compressed bytes from an ArrayBuffer or a Uint8Array at an offset', () => {
    const incidents = [worked(), fresh()];
    const gz = gzipSync(packIncidents(incidents));
    expect(decodeIncidents(gz.slice().buffer)).toStrictEqual(incidents);
    const padded = new Uint8Array(gz.length + 3);
    padded.set(gz, 3);
    expect(decodeIncidents(padded.subarray(3))).toStrictEqual(incidents);
  });

  it('is far smaller than JSON for many similar incidents', () => {
    const one = worked();
    const many = Array.from({ length: 2000 }, (_, i) => ({ ...one, id: `inc-${i}`, lastSeq: i }));
    const gz = gzipSync(packIncidents(many));
    expect(gz.length * 10).toBeLessThan(JSON.stringify(many).length);
    expect(decodeIncidents(gz)).toStrictEqual(many);
  });

  it('refuses bytes written by another codec', () => {
    const bytes = packIncidents([fresh()]);
    const name = new TextEncoder().encode(INCIDENT_CODEC);
    const at = bytes.findIndex((_, i) => name.every((b, j) => bytes[i + j] === b));
    bytes[at + name.length - 1] = '9'.charCodeAt(0); // the same header, another version
    expect(() => unpackIncidents(bytes)).toThrow(/unknown incident codec/);
  });
});
