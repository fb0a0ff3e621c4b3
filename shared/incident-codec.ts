/**
 * The compact wire form of many incidents, for a screen that joins (the snapshot): one
 * column per field instead of one object per incident, gzip-compressed. A 100,000-incident
 * live window is a few MB instead of ~60 MB of JSON, the server builds it once and every
 * socket that joins shares the same bytes, and a page decodes it in one pass.
 *
 * Layout of the uncompressed bytes: a little-endian u32 header length, the header as
 * UTF-8 JSON (string columns; repeated strings as a dictionary plus indexes), zero padding
 * to a multiple of 8, then one Float64 column per numeric field, times as epoch ms (NaN
 * for null, or for an absent `loggedAt`/`lastFieldAt`). Times come back as the canonical
 * ISO strings the server stores, formatted through a per-minute cache (far cheaper than a
 * Date per value); any time not in that form travels verbatim as an exception.
 */
import { gunzipSync } from 'fflate';
import type { Incident, Reporter } from './domain/types.ts';

export const INCIDENT_CODEC = 'columns+gzip/1';

const DICT_FIELDS = [
  'source',
  'category',
  'severity',
  'status',
  'agency',
  'kelurahanCode',
  'h3',
] as const;
type DictField = (typeof DICT_FIELDS)[number];

/** Text columns: every value its own string (or null). */
const TEXT_FIELDS = ['id', 'externalId', 'description', 'address'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

const TIME_FIELDS = [
  'reportedAt',
  'loggedAt',
  'responseDueAt',
  'resolveDueAt',
  'firstResponseAt',
  'resolvedAt',
  'endedAt',
  'updatedAt',
  'lastFieldAt',
] as const;
type TimeField = (typeof TIME_FIELDS)[number];

/** Numeric columns after the times, in this order: lon, lat, notes, lastSeq. */
const COLUMNS = TIME_FIELDS.length + 4;

const MINUTE = 60_000;
let secondsTable: string[] | undefined;
/** "SS.mmmZ" for each ms of a minute, made once. */
function secondsOfMinute(): string[] {
  if (!secondsTable) {
    secondsTable = new Array<string>(MINUTE);
    for (let ms = 0; ms < MINUTE; ms++) {
      const sec = Math.floor(ms / 1000);
      const rest = ms % 1000;
      secondsTable[ms] = `${sec < 10 ? '0' : ''}${sec}.${String(rest).padStart(3, '0')}Z`;
    }
  }
  return secondsTable;
}

/** `new Date(ms).toISOString()`, with the "YYYY-MM-DDTHH:mm:" part cached per minute. */
function isoFormatter(): (ms: number) => string {
  const minutes = new Map<number, string>();
  const seconds = secondsOfMinute();
  return (ms) => {
    const minute = Math.floor(ms / MINUTE);
    let head = minutes.get(minute);
    if (head === undefined) {
      head = new Date(minute * MINUTE).toISOString().slice(0, 17);
      minutes.set(minute, head);
    }
    return head + (seconds[ms - minute * MINUTE] as string);
  };
}

interface Dict {
  values: (string | null)[];
  index: number[];
}

interface Header {
  codec: typeof INCIDENT_CODEC;
  n: number;
  text: Record<TextField, (string | null)[]>;
  reporter: (Reporter | null)[];
  dicts: Record<DictField, Dict>;
  /** [row, field, value] for times not in the canonical form (not written by this server). */
  exceptions: [number, TimeField, string][];
  /**
   * The duplicate fields, only on the rows that have them (few do): [row, master or null]
   * and [row, count of reporters]. Absent in bytes from before duplicates were linked.
   */
  duplicateOf?: [number, string | null][];
  reporters?: [number, number][];
  /** The field crews' fields (field-proof.ts), only on the rows that have any: [row, fields]. */
  field?: [number, Pick<Incident, FieldCrewField>][];
}

const FIELD_CREW_FIELDS = ['assignee', 'dispatchedAt', 'photos', 'proofWaived'] as const;
type FieldCrewField = (typeof FIELD_CREW_FIELDS)[number];

function dictOf(values: readonly (string | null)[]): Dict {
  const seen = new Map<string | null, number>();
  const dict: Dict = { values: [], index: new Array<number>(values.length) };
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as string | null;
    let k = seen.get(v);
    if (k === undefined) {
      k = dict.values.length;
      seen.set(v, k);
      dict.values.push(v);
    }
    dict.index[i] = k;
  }
  return dict;
}

/** Encodes incidents into the uncompressed columnar bytes (the caller compresses them). */
export function packIncidents(incidents: readonly Incident[]): Uint8Array {
  const n = incidents.length;
  const numbers = new Float64Array(COLUMNS * n);
  const exceptions: Header['exceptions'] = [];
  const iso = isoFormatter();
  TIME_FIELDS.forEach((field, c) => {
    for (let i = 0; i < n; i++) {
      const value = (incidents[i] as Incident)[field];
      const ms = value == null ? NaN : Date.parse(value);
      numbers[c * n + i] = ms;
      if (value != null && (Number.isNaN(ms) || iso(ms) !== value))
        exceptions.push([i, field, value]);
    }
  });
  const at = TIME_FIELDS.length * n;
  for (let i = 0; i < n; i++) {
    const inc = incidents[i] as Incident;
    numbers[at + i] = inc.location.lon;
    numbers[at + n + i] = inc.location.lat;
    numbers[at + 2 * n + i] = inc.notes;
    numbers[at + 3 * n + i] = inc.lastSeq;
  }
  const text = {} as Header['text'];
  for (const field of TEXT_FIELDS) text[field] = incidents.map((inc) => inc[field] ?? null);
  const dicts = {} as Record<DictField, Dict>;
  for (const field of DICT_FIELDS) dicts[field] = dictOf(incidents.map((inc) => inc[field]));
  const duplicateOf: [number, string | null][] = [];
  const reporters: [number, number][] = [];
  const field: [number, Pick<Incident, FieldCrewField>][] = [];
  incidents.forEach((inc, i) => {
    if (inc.duplicateOf !== undefined) duplicateOf.push([i, inc.duplicateOf]);
    if (inc.reporters !== undefined) reporters.push([i, inc.reporters]);
    const crew: Pick<Incident, FieldCrewField> = {};
    for (const k of FIELD_CREW_FIELDS)
      if (inc[k] !== undefined) Object.assign(crew, { [k]: inc[k] });
    if (Object.keys(crew).length > 0) field.push([i, crew]);
  });
  const header: Header = {
    codec: INCIDENT_CODEC,
    n,
    text,
    reporter: incidents.map((inc) => inc.reporter),
    dicts,
    exceptions,
    duplicateOf,
    reporters,
    field,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const numbersAt = Math.ceil((4 + json.length) / 8) * 8;
  const out = new Uint8Array(numbersAt + numbers.byteLength);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 4);
  out.set(new Uint8Array(numbers.buffer), numbersAt);
  return out;
}

/** A dictionary column expanded to one value per incident. */
const expand = (d: Dict) => d.index.map((k) => d.values[k] as string | null);

/** Decodes what `packIncidents` wrote. Throws on bytes of another codec. */
export function unpackIncidents(bytes: Uint8Array): Incident[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = view.getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + jsonLength))) as Header;
  if (header.codec !== INCIDENT_CODEC) throw new Error(`unknown incident codec ${header.codec}`);
  const { n, text, reporter } = header;
  const numbersAt = Math.ceil((4 + jsonLength) / 8) * 8;
  // Copied so the Float64 view is aligned whatever the input's offset.
  const numbers = new Float64Array(bytes.slice(numbersAt, numbersAt + COLUMNS * n * 8).buffer);
  const source = expand(header.dicts.source);
  const category = expand(header.dicts.category);
  const severity = expand(header.dicts.severity);
  const status = expand(header.dicts.status);
  const agency = expand(header.dicts.agency);
  const kelurahanCode = expand(header.dicts.kelurahanCode);
  const h3 = expand(header.dicts.h3);
  const { id, externalId, description, address } = text;
  const iso = isoFormatter();
  const times = TIME_FIELDS.map((field, c) => {
    const column = new Array<string | null>(n);
    for (let i = 0; i < n; i++) {
      const ms = numbers[c * n + i] as number;
      column[i] = Number.isNaN(ms) ? null : iso(ms);
    }
    for (const [row, f, value] of header.exceptions) if (f === field) column[row] = value;
    return column;
  });
  const [reportedAt, loggedAt, responseDueAt, resolveDueAt, firstResponseAt] = times as [
    (string | null)[],
    (string | null)[],
    (string | null)[],
    (string | null)[],
    (string | null)[],
  ];
  const [resolvedAt, endedAt, updatedAt, lastFieldAt] = times.slice(5) as [
    (string | null)[],
    (string | null)[],
    (string | null)[],
    (string | null)[],
  ];
  const at = TIME_FIELDS.length * n;
  const out = new Array<Incident>(n);
  for (let i = 0; i < n; i++) {
    // Fields in the order the reducer creates them, so every incident shares one shape.
    const incident: Incident = {
      id: id[i] as string,
      source: source[i] as Incident['source'],
      externalId: externalId[i] as string | null,
      category: category[i] as string,
      severity: severity[i] as Incident['severity'],
      description: description[i] as string,
      reporter: reporter[i] as Reporter | null,
      location: { lon: numbers[at + i] as number, lat: numbers[at + n + i] as number },
      address: address[i] as string | null,
      kelurahanCode: kelurahanCode[i] as string | null,
      h3: h3[i] as string,
      reportedAt: reportedAt[i] as string,
      status: status[i] as Incident['status'],
      agency: agency[i] as string,
      responseDueAt: responseDueAt[i] as string,
      resolveDueAt: resolveDueAt[i] as string,
      firstResponseAt: firstResponseAt[i] as string | null,
      resolvedAt: resolvedAt[i] as string | null,
      endedAt: endedAt[i] as string | null,
      updatedAt: updatedAt[i] as string,
      notes: numbers[at + 2 * n + i] as number,
      lastSeq: numbers[at + 3 * n + i] as number,
    };
    const logged = loggedAt[i];
    if (logged != null) incident.loggedAt = logged;
    const lastField = lastFieldAt[i];
    if (lastField != null) incident.lastFieldAt = lastField;
    out[i] = incident;
  }
  for (const [row, master] of header.duplicateOf ?? []) (out[row] as Incident).duplicateOf = master;
  for (const [row, count] of header.reporters ?? []) (out[row] as Incident).reporters = count;
  for (const [row, crew] of header.field ?? []) Object.assign(out[row] as Incident, crew);
  return out;
}

/** Decodes a snapshot's `incidents` bytes as they arrive (gzip-compressed columns). */
export function decodeIncidents(compressed: Uint8Array | ArrayBuffer): Incident[] {
  const bytes = compressed instanceof Uint8Array ? compressed : new Uint8Array(compressed);
  return unpackIncidents(gunzipSync(bytes));
}
