/**
 * The crew's outbox as React state. Every field command goes through it, signal or not:
 * it is written to the phone first (outbox-db.ts), then sent (outbox-send.ts) at once,
 * again when the browser says it is back online, and every half minute while anything
 * waits. One send loop at a time, so an entry is never sent twice at once; a resend after
 * a lost answer is harmless (the server knows the client id).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  outboxOf,
  putEntry,
  removeEntry,
  type FieldCommand,
  type OutboxEntry,
} from './outbox-db.ts';
import { outcomeOf, sendEntry } from './outbox-send.ts';

const RETRY_EVERY_MS = 30_000;

/** A client id the server accepts (8–80 of [A-Za-z0-9_.:-]): a random UUID. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface Outbox {
  entries: readonly OutboxEntry[];
  /** True while a send loop runs. */
  sending: boolean;
  /** Writes the command to the phone and tries to send it; resolves once it is stored. */
  enqueue(incidentId: string, command: FieldCommand): Promise<OutboxEntry>;
  dismiss(clientId: string): Promise<void>;
  flush(): Promise<void>;
}

export function useOutbox(userId: string | null, token: string | null): Outbox {
  const [entries, setEntries] = useState<readonly OutboxEntry[]>([]);
  const [sending, setSending] = useState(false);
  const running = useRef(false);
  const again = useRef(false);

  const reload = useCallback(async () => {
    if (userId !== null) setEntries(await outboxOf(userId));
  }, [userId]);

  const flush = useCallback(async () => {
    if (userId === null) return;
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    setSending(true);
    try {
      do {
        again.current = false;
        for (const entry of await outboxOf(userId)) {
          if (entry.state !== 'waiting') continue;
          const res = await sendEntry(entry, token);
          const outcome = outcomeOf(res);
          if (outcome === 'later') {
            await putEntry({ ...entry, attempts: entry.attempts + 1 });
            break;
          }
          if (outcome === 'sent') await removeEntry(entry.clientId);
          else {
            await putEntry({
              ...entry,
              state: 'refused',
              problem: res.ok ? null : res.message,
              attempts: entry.attempts + 1,
            });
          }
          await reload();
        }
      } while (again.current);
    } finally {
      running.current = false;
      setSending(false);
      await reload();
    }
  }, [userId, token, reload]);

  const enqueue = useCallback(
    async (incidentId: string, command: FieldCommand) => {
      if (userId === null) throw new Error('not logged in');
      const clientId = command.kind === 'photo' ? command.fields.clientId : command.body.clientId;
      const entry: OutboxEntry = {
        clientId,
        userId,
        incidentId,
        madeAt: Date.now(),
        command,
        state: 'waiting',
        problem: null,
        attempts: 0,
      };
      await putEntry(entry);
      await reload();
      void flush();
      return entry;
    },
    [userId, reload, flush],
  );

  const dismiss = useCallback(
    async (clientId: string) => {
      await removeEntry(clientId);
      await reload();
    },
    [reload],
  );

  useEffect(() => {
    void reload().then(flush);
    const online = () => void flush();
    window.addEventListener('online', online);
    const timer = window.setInterval(() => {
      if (navigator.onLine) void flush();
    }, RETRY_EVERY_MS);
    return () => {
      window.removeEventListener('online', online);
      window.clearInterval(timer);
    };
  }, [reload, flush]);

  return { entries, sending, enqueue, dismiss, flush };
}
