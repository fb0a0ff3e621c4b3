/**
 * What a screen needs to start: the live window of incidents as one compact picture
 * (incident-codec.ts, gzip-compressed) with the window's alerts, plus the events since
 * that picture. A picture is
 * built once per audience (each audience sees its own redaction) and shared by every
 * socket of that audience that joins while it is current, so fifty walls reconnecting at
 * once cost one encoding and a few MB, not fifty copies of the window as JSON. It is
 * current while fewer than `maxTailEvents` events came after it and it is younger than
 * `maxAgeMs` (so ended incidents leave it); the events after it come from memory in the
 * same tick as the answer is assembled, so none can fall between picture and tail.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Snapshot } from '../../shared/contract.ts';
import { PROTOCOL_VERSION } from '../../shared/contract.ts';
import { packIncidents } from '../../shared/incident-codec.ts';
import type { Alert } from '../../shared/domain/alerts.ts';
import { liveAlerts, liveWindow } from '../../shared/domain/live-window.ts';
import type { ProjectionState } from '../../shared/domain/reducer.ts';
import type { Audience } from './audiences.ts';
import type { RecentEvents } from './recent-events.ts';

const gzipAsync = promisify(gzip);

export interface SnapshotSourceOptions {
  projection: () => Readonly<ProjectionState>;
  recent: RecentEvents;
  clock: () => Date;
  windowHours: number;
  /** A picture with more events than this after it is rebuilt for the next joiner. */
  maxTailEvents: number;
  /** A picture older than this (ms) is rebuilt for the next joiner. */
  maxAgeMs: number;
}

interface Picture {
  seq: number;
  builtAt: number;
  count: number;
  bytes: Buffer;
  alerts: Alert[];
}

interface Entry {
  promise: Promise<Picture>;
  picture?: Picture;
}

export interface SnapshotSource {
  snapshotFor(audience: Audience): Promise<Snapshot>;
  /** How many pictures were encoded so far (for tests and benchmarks). */
  readonly built: number;
}

/** Builds the live window at the current seq, redacted for one audience, compressed off the loop. */
async function buildPicture(opts: SnapshotSourceOptions, audience: Audience): Promise<Picture> {
  const now = opts.clock();
  const projection = opts.projection();
  const seq = projection.seq;
  const window = liveWindow(projection.incidents.values(), now, opts.windowHours);
  const { redactor } = audience;
  const incidents = redactor ? window.map((i) => redactor.incident(i)) : window;
  const inWindow = liveAlerts(projection.alerts.values(), now, opts.windowHours);
  const alerts = redactor ? inWindow.map((a) => redactor.alert(a)) : inWindow;
  // Level 1: on these columns it is within a few percent of level 6 in size, and far faster.
  const bytes = await gzipAsync(packIncidents(incidents), { level: 1 });
  return { seq, builtAt: now.getTime(), count: incidents.length, bytes, alerts };
}

export function createSnapshotSource(opts: SnapshotSourceOptions): SnapshotSource {
  const entries = new Map<string, Entry>();
  let built = 0;

  const fresh = (p: Picture) =>
    opts.projection().seq - p.seq <= opts.maxTailEvents &&
    opts.clock().getTime() - p.builtAt <= opts.maxAgeMs;

  function entryFor(audience: Audience): Entry {
    const known = entries.get(audience.room);
    // A picture still being built is shared; a finished one only while it is current.
    if (known && (!known.picture || fresh(known.picture))) return known;
    const entry: Entry = {
      promise: buildPicture(opts, audience).then((picture) => {
        built += 1;
        entry.picture = picture;
        return picture;
      }),
    };
    entry.promise.catch(() => {
      if (entries.get(audience.room) === entry) entries.delete(audience.room);
    });
    entries.set(audience.room, entry);
    return entry;
  }

  return {
    get built() {
      return built;
    },
    async snapshotFor(audience) {
      // A picture whose tail has left memory (a very fast log) is built again; twice is plenty.
      for (let attempt = 0; attempt < 3; attempt++) {
        const entry = entryFor(audience);
        const picture = await entry.promise;
        const head = opts.projection().seq;
        const raw = opts.recent.between(picture.seq, head);
        if (raw === null) {
          if (entries.get(audience.room) === entry) entries.delete(audience.room);
          continue;
        }
        const { redactor } = audience;
        return {
          protocol: PROTOCOL_VERSION,
          seq: head,
          pictureSeq: picture.seq,
          serverTime: opts.clock().toISOString(),
          incidents: picture.bytes,
          count: picture.count,
          alerts: picture.alerts,
          tail: redactor ? raw.map((e) => redactor.event(e)) : raw,
          windowHours: opts.windowHours,
        };
      }
      throw new Error('the log moved faster than a snapshot could be built');
    },
  };
}
