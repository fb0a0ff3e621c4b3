/**
 * The phone's own storage for /field (IndexedDB, through `idb`): the outbox of commands
 * waiting to be sent — each with the field time and position of the moment it was made and
 * a client-made id, photos as their bytes — and the last work list seen live, so a crew
 * without signal still has its queue. Kept per user: a phone handed to a colleague shows
 * and sends only that colleague's work.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ExifFacts } from '../../../shared/domain/photo-exif.ts';
import type { FieldPosition, Incident, PhotoKind } from '../../../shared/domain/types.ts';

/** One field command as the server's API takes it; `clientId` is in every body. */
export type FieldCommand =
  | {
      kind: 'claim' | 'unclaim';
      body: { occurredAt: string; clientId: string; position?: FieldPosition; note?: string };
    }
  | {
      kind: 'update';
      body: {
        occurredAt: string;
        clientId: string;
        position?: FieldPosition;
        status?: 'in_progress' | 'resolved';
        note?: string;
      };
    }
  | {
      kind: 'photo';
      /** The form fields beside the file (photo-command.ts). */
      fields: {
        kind: PhotoKind;
        clientId: string;
        /** When the picture was taken, as the phone's file says. */
        takenAt: string;
        /** When the crew added it: the photo event's field time. */
        occurredAt: string;
        position?: FieldPosition;
      };
      photo: Blob;
      /** Its EXIF facts as the phone read them, for the page's own proof check. */
      exif: ExifFacts;
    };

export interface OutboxEntry {
  clientId: string;
  userId: string;
  incidentId: string;
  /** Device time it was made (ms): the send order. */
  madeAt: number;
  command: FieldCommand;
  /** `refused`: the server said no (kept so the crew sees why, until dismissed). */
  state: 'waiting' | 'refused';
  problem: string | null;
  attempts: number;
}

export interface WorkSnapshot {
  userId: string;
  /** Device time of the live data it holds (ms). */
  savedAt: number;
  incidents: Incident[];
}

interface FieldDb extends DBSchema {
  outbox: { key: string; value: OutboxEntry; indexes: { byUser: string } };
  work: { key: string; value: WorkSnapshot };
}

const DB_NAME = 'nakhoda-field';
let opened: Promise<IDBPDatabase<FieldDb>> | null = null;

function db(): Promise<IDBPDatabase<FieldDb>> {
  opened ??= openDB<FieldDb>(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore('outbox', { keyPath: 'clientId' }).createIndex('byUser', 'userId');
      d.createObjectStore('work', { keyPath: 'userId' });
    },
  });
  return opened;
}

/** The user's entries, oldest first: the order they must be sent in. */
export async function outboxOf(userId: string): Promise<OutboxEntry[]> {
  const all = await (await db()).getAllFromIndex('outbox', 'byUser', userId);
  return all.sort((a, b) => a.madeAt - b.madeAt || a.clientId.localeCompare(b.clientId));
}

export async function putEntry(entry: OutboxEntry): Promise<void> {
  await (await db()).put('outbox', entry);
}

export async function removeEntry(clientId: string): Promise<void> {
  await (await db()).delete('outbox', clientId);
}

export async function saveWork(snapshot: WorkSnapshot): Promise<void> {
  await (await db()).put('work', snapshot);
}

export async function loadWork(userId: string): Promise<WorkSnapshot | null> {
  return (await (await db()).get('work', userId)) ?? null;
}

/**
 * At logout: the copies of work kept for use without signal (they hold reporters' contact
 * details) are removed. Queued commands stay, to be sent when their author logs in again.
 */
export async function forgetWorkCopies(): Promise<void> {
  await (await db()).clear('work');
}
