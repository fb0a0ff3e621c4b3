/**
 * A small Server-Sent Events client for tests: node's fetch, reading the body as it
 * arrives and parsing it as the WHATWG spec's EventSource does (fields `id`, `event`,
 * `data`, `retry`; lines starting with `:` are comments; a blank line dispatches). It
 * keeps comments and `retry` lines too, which a browser's EventSource hides, so tests can
 * see heartbeats, and it never reconnects on its own: a test resumes by opening again with
 * the `Last-Event-ID` it last saw.
 */

export interface SseEvent {
  kind: 'event';
  /** The frame's `id` field, as sent (absent when the frame had none). */
  id: string | undefined;
  /** The `event` field; `message` when none was sent, as in EventSource. */
  event: string;
  data: string;
}
export type SseItem =
  | SseEvent
  | { kind: 'comment'; text: string }
  | { kind: 'retry'; ms: number }
  /** The server ended the response; `error` when the connection broke instead. */
  | { kind: 'end'; error?: string };

export interface SseStream {
  status: number;
  headers: Headers;
  /** The whole body when the server answered something other than a stream. */
  text: string;
  /** The next item in order, waiting up to `timeout` ms. */
  next(timeout?: number): Promise<SseItem>;
  /** The next event (skipping comments and retry lines); rejects if the stream ends first. */
  nextEvent(timeout?: number): Promise<SseEvent>;
  /** Events up to and including the first named `name`. */
  eventsUntil(name: string, timeout?: number): Promise<SseEvent[]>;
  /** Starts reading a stream opened `paused`. */
  resume(): void;
  /** Stops reading: the connection is dropped. */
  close(): void;
}

const DEFAULT_TIMEOUT = 10_000;

/** Frames parsed from text chunks, as the spec's "interpret an event stream" says. */
export function sseParser(emit: (item: SseItem) => void) {
  let buffer = '';
  let data: string[] = [];
  let event = '';
  let id: string | undefined;
  let sawId = false;
  const line = (l: string) => {
    if (l === '') {
      if (data.length > 0) {
        emit({
          kind: 'event',
          id: sawId ? id : undefined,
          event: event || 'message',
          data: data.join('\n'),
        });
      }
      data = [];
      event = '';
      sawId = false;
      return;
    }
    if (l.startsWith(':')) return emit({ kind: 'comment', text: l.slice(1).trim() });
    const colon = l.indexOf(':');
    const field = colon < 0 ? l : l.slice(0, colon);
    let value = colon < 0 ? '' : l.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id') {
      id = value;
      sawId = true;
    } else if (field === 'retry' && /^\d+$/.test(value)) emit({ kind: 'retry', ms: Number(value) });
  };
  return (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop()!;
    for (const l of lines) line(l);
  };
}

/**
 * Opens `url` as an event stream; `headers` may carry `last-event-id` or `authorization`.
 * `paused`: nothing is read until `resume()`, as a client that has stopped reading (the
 * server's data piles up in the sockets' buffers, then in its own).
 */
export async function openSse(
  url: string,
  headers: Record<string, string> = {},
  opts: { paused?: boolean } = {},
): Promise<SseStream> {
  const abort = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const items: SseItem[] = [];
  let resume = () => undefined as void;
  const started = opts.paused ? new Promise<void>((r) => (resume = r)) : Promise.resolve();
  let wake: (() => void) | null = null;
  const push = (item: SseItem) => {
    items.push(item);
    wake?.();
  };
  const isStream =
    res.status === 200 && (res.headers.get('content-type') ?? '').startsWith('text/event-stream');
  let text = '';
  if (!isStream) {
    text = await res.text();
    push({ kind: 'end' });
  } else {
    const parse = sseParser(push);
    const decoder = new TextDecoder();
    const reader = res.body!.getReader();
    void (async () => {
      await started;
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parse(decoder.decode(value, { stream: true }));
        }
        push({ kind: 'end' });
      } catch (err) {
        push({ kind: 'end', error: err instanceof Error ? err.message : String(err) });
      }
    })();
  }

  const next = async (timeout = DEFAULT_TIMEOUT): Promise<SseItem> => {
    const deadline = Date.now() + timeout;
    while (items.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no server-sent item within ${timeout} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
    const item = items[0]!;
    // The end stays queued: every later read sees it too.
    if (item.kind !== 'end') items.shift();
    return item;
  };

  const nextEvent = async (timeout = DEFAULT_TIMEOUT): Promise<SseEvent> => {
    for (;;) {
      const item = await next(timeout);
      if (item.kind === 'event') return item;
      if (item.kind === 'end')
        throw new Error(`stream ended${item.error ? `: ${item.error}` : ''}`);
    }
  };

  return {
    status: res.status,
    headers: res.headers,
    text,
    next,
    nextEvent,
    async eventsUntil(name, timeout = DEFAULT_TIMEOUT) {
      const seen: SseEvent[] = [];
      for (;;) {
        const e = await nextEvent(timeout);
        seen.push(e);
        if (e.event === name) return seen;
      }
    },
    resume: () => resume(),
    close: () => abort.abort(),
  };
}
