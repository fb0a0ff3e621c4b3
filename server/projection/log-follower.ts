/**
 * Keeps this node's live projection equal to the log, whoever wrote it. Several nodes
 * append to one PostgreSQL log; each applies every event to its own projection once, in
 * seq order, with no gap:
 * - its own commits arrive with their events (`committed`): applied at once when they
 *   follow on from the projection's seq, the usual case;
 * - otherwise (another node wrote the seqs before them), and whenever the log's head is
 *   seen to move — a NOTIFY wake-up (`Store.watchHead`) or the poll — the follower reads
 *   the log by seq from the projection's seq, in pages, until it reaches the head.
 * Every path goes through `offer`, which skips what is already applied and refuses a gap,
 * so a read racing a local commit can neither repeat nor skip an event. Reads run one at a
 * time; a wake-up during a read makes it read again once it ends.
 *
 * The poll (`latestSeq`, one indexed row) is the safety net for a lost wake-up and the
 * store health check the readiness probe reports.
 */
import type { DomainEvent } from '../../shared/domain/types.ts';
import type { Store, Watch } from '../log/store.ts';
import type { LiveProjection } from './live-projection.ts';

/** Events read per page while catching up. */
const PAGE = 1_000;

export interface FollowerStatus {
  /** The projection's seq: every event up to it is applied. */
  applied: number;
  /** The highest log head seen (poll, wake-up or own commit). */
  head: number;
  /** Whether the last read of the log succeeded. */
  storeReachable: boolean;
  /** Whether wake-ups arrive (always false on a store without them: it polls). */
  wakeUps: boolean;
}

export interface LogFollower {
  /** Events this node has just committed, in seq order. */
  committed(events: DomainEvent[]): void;
  /** Resolves once everything up to the head as it is now is applied (or rejects if the log is unreachable). */
  catchUp(): Promise<void>;
  status(): FollowerStatus;
  stop(): Promise<void>;
}

export function followLog(deps: {
  store: Store;
  live: LiveProjection;
  /** How often the head is polled, in ms. */
  pollMs: number;
  log?: (msg: string) => void;
}): LogFollower {
  const { store, live } = deps;
  const log = deps.log ?? (() => undefined);
  let head = live.state.seq;
  let reachable = true;
  let stopped = false;

  /** Applies what follows on from the projection; false when `events` leave a gap. */
  const offer = (events: DomainEvent[]): boolean => {
    const next = live.state.seq + 1;
    let i = 0;
    while (i < events.length && events[i]!.seq < next) i++;
    if (i === events.length) return true;
    if (events[i]!.seq !== next) return false;
    live.apply(i === 0 ? events : events.slice(i));
    return true;
  };

  const noteReachable = (ok: boolean, error?: unknown) => {
    if (ok === reachable) return;
    reachable = ok;
    log(ok ? 'log: the store answers again' : `log: the store does not answer: ${String(error)}`);
  };

  const readToHead = async () => {
    for (;;) {
      const events = await store.eventsAfter(live.state.seq, PAGE);
      noteReachable(true);
      if (events.length === 0) return;
      head = Math.max(head, events[events.length - 1]!.seq);
      if (!offer(events)) throw new Error(`log read after ${live.state.seq} left a gap`);
      if (events.length < PAGE) return;
    }
  };

  let reading: Promise<void> | null = null;
  let again = false;
  const catchUp = (): Promise<void> => {
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      try {
        do {
          again = false;
          await readToHead();
        } while (again && !stopped);
      } catch (error) {
        noteReachable(false, error);
        throw error;
      } finally {
        reading = null;
      }
    })();
    return reading;
  };
  /** A wake-up: read when behind; a failure is already logged and the poll retries. */
  const wake = (seq: number) => {
    if (Number.isFinite(seq)) head = Math.max(head, seq);
    if (!stopped && head > live.state.seq) catchUp().catch(() => undefined);
  };

  const poll = setInterval(() => {
    store.latestSeq().then(
      (seq) => {
        noteReachable(true);
        wake(seq);
      },
      (error: unknown) => noteReachable(false, error),
    );
  }, deps.pollMs);
  poll.unref();

  let watchUp = false;
  const watch: Watch | null =
    store.watchHead?.(wake, (up) => {
      watchUp = up;
      // Wake-ups sent while the channel was down are lost: look now.
      if (up) wake(head);
    }) ?? null;

  return {
    committed(events) {
      if (events.length === 0) return;
      head = Math.max(head, events[events.length - 1]!.seq);
      if (!offer(events)) wake(head);
    },
    catchUp,
    status: () => ({
      applied: live.state.seq,
      head,
      storeReachable: reachable,
      wakeUps: watchUp && (watch?.connected() ?? false),
    }),
    async stop() {
      stopped = true;
      clearInterval(poll);
      await watch?.close();
      await reading?.catch(() => undefined);
    },
  };
}
