/**
 * A LISTEN connection to PostgreSQL that comes back by itself. The log's appenders NOTIFY
 * the schema's channel with the new head at commit (pg.store.ts), so every node hears of
 * another node's writes within a round trip instead of at its next poll. A notification
 * is only a wake-up: the listener then reads the log by seq, and a node also polls the
 * head, so a notification lost while this connection was down costs latency, not events.
 *
 * A dedicated client, not a pooled one: LISTEN belongs to a session, and a pooled
 * connection would carry it to whichever query borrows it next.
 */
import pg from 'pg';
import type { Watch } from './store.ts';

/** The channel of one schema's log; schema names are checked SQL names of ≤ 48 characters. */
export const logChannel = (schema: string) => `nakhoda_log_${schema}`;

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5_000;

export function watchChannel(opts: {
  url: string;
  channel: string;
  onNotify: (payload: string) => void;
  /** Told when the connection comes up (true) and when it is lost (false). */
  onState?: (up: boolean) => void;
}): Watch {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(opts.channel))
    throw new Error(`invalid channel name: ${opts.channel}`);
  let client: pg.Client | null = null;
  let up = false;
  let closed = false;
  let delay = RETRY_MIN_MS;
  let timer: NodeJS.Timeout | null = null;

  const retry = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, delay);
    timer.unref();
    delay = Math.min(delay * 2, RETRY_MAX_MS);
  };

  const lost = (c: pg.Client) => {
    if (client !== c) return;
    client = null;
    if (up) {
      up = false;
      opts.onState?.(false);
    }
    c.end().catch(() => undefined);
    retry();
  };

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString: opts.url });
    c.on('error', () => lost(c));
    c.on('end', () => lost(c));
    c.on('notification', (msg) => {
      if (msg.channel === opts.channel) opts.onNotify(msg.payload ?? '');
    });
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${opts.channel}`);
    } catch {
      lost(c);
      return;
    }
    if (closed || client !== c) {
      await c.end().catch(() => undefined);
      return;
    }
    up = true;
    delay = RETRY_MIN_MS;
    opts.onState?.(true);
  };
  void connect();

  return {
    connected: () => up,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      up = false;
      await c?.end().catch(() => undefined);
    },
  };
}
