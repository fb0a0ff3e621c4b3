/**
 * The crew's outbox as React state. Every field command goes through it, signal or not:
 * it is written to the phone first (outbox-db.ts), then sent (outbox-send.ts) at once,
 * again when the browser says it is back online, and every half minute while anything
 * waits. One send loop at a time, so an entry is never sent twice at once; a resend after
 * a lost answer is harmless (the server knows the client id). Before sending it asks the
 * server who this browser is logged in as: a phone handed on sends nobody's work under
 * another name. Once the server refuses an entry, the later ones of the same incident wait
 * (a start after a refused claim would act on a colleague's job) until the crew removes it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Principal } from '../../../shared/domain/access.ts';
import { apiRequest } from '../../auth/api-request.ts';
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

/** Why nothing can be sent now though there is signal: the session ended, or is another's. */
export type OutboxBlock = 'session' | 'otherUser' | null;

export interface Outbox {
  entries: readonly OutboxEntry[];
  /** True while a send loop runs. */
  sending: boolean;
  block: OutboxBlock;
  /** Writes the command to the phone and tries to send it; resolves once it is stored. */
  enqueue(incidentId: string, command: FieldCommand): Promise<OutboxEntry>;
  dismiss(clientId: string): Promise<void>;
  flush(): Promise<void>;
}

export function useOutbox(userId: string | null, token: string | null): Outbox {
  const [entries, setEntries] = useState<readonly OutboxEntry[]>([]);
  const [sending, setSending] = useState(false);
  const [block, setBlock] = useState<OutboxBlock>(null);
  const running = useRef(false);
  const again = useRef(false);
  const lastMadeAt = useRef(0);

  const reload = useCallback(async () => {
    if (userId === null) return;
    const stored = await outboxOf(userId);
    for (const e of stored) lastMadeAt.current = Math.max(lastMadeAt.current, e.madeAt);
    setEntries(stored);
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
        const queue = await outboxOf(userId);
        if (!queue.some((e) => e.state === 'waiting')) break;
        const who = await apiRequest<{ principal: Principal }>('/api/v1/auth/me', { token });
        if (!who.ok) {
          if (who.status === 401) setBlock('session');
          break;
        }
        if (who.data.principal.id !== userId) {
          setBlock('otherUser');
          break;
        }
        setBlock(null);
        const held = new Set(queue.filter((e) => e.state === 'refused').map((e) => e.incidentId));
        for (const entry of queue) {
          if (entry.state !== 'waiting' || held.has(entry.incidentId)) continue;
          const res = await sendEntry(entry, token);
          const outcome = outcomeOf(res);
          if (outcome === 'later') {
            await putEntry({ ...entry, attempts: entry.attempts + 1 });
            if (!res.ok && res.status === 401) setBlock('session');
            break;
          }
          if (outcome === 'sent') await removeEntry(entry.clientId);
          else {
            held.add(entry.incidentId);
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
      // The send order, taken at once (before any wait), so taps keep their order; never
      // behind an entry already queued, whatever the phone's clock did.
      const madeAt = Math.max(Date.now(), lastMadeAt.current + 1);
      lastMadeAt.current = madeAt;
      const entry: OutboxEntry = {
        clientId,
        userId,
        incidentId,
        madeAt,
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
      // What waited behind a refused entry goes now.
      void flush();
    },
    [reload, flush],
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

  return { entries, sending, block, enqueue, dismiss, flush };
}
