/**
 * Where the simulator's commands go. The runner only knows this interface; the HTTP sink
 * sends them to a running server's public API exactly as any other source would (the
 * server also wires an in-process sink of its own).
 */
import type { ReportIncidentInput, UpdateIncidentInput } from '../../../shared/domain/schemas.ts';

export interface SimulatorSink {
  report(input: ReportIncidentInput): Promise<{ id: string; created: boolean }>;
  update(id: string, input: UpdateIncidentInput): Promise<void>;
}

export interface HttpSinkOptions {
  baseUrl: string;
  token?: string;
  log?: (msg: string) => void;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  /** A stuck request must not hold the runner forever. */
  timeoutMs?: number;
  /**
   * Retries a 429 after the server's Retry-After (default true): a long backfill outruns
   * the ingest limit. Load runs turn it off to measure what the server refuses.
   */
  retryRateLimited?: boolean;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const MAX_RATE_RETRIES = 4;
const MAX_RETRY_WAIT_MS = 30_000;

/** How long a 429 asks us to wait: Retry-After, else the draft-8 RateLimit header's reset, else 1 s. */
function retryAfterMs(res: Response): number {
  const retryAfter = Number(res.headers.get('retry-after'));
  const reset = /\bt=(\d+)/.exec(res.headers.get('ratelimit') ?? '')?.[1];
  const seconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : Number(reset ?? 1);
  return Math.min(MAX_RETRY_WAIT_MS, Math.max(1, seconds) * 1000);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The server's `{error: {message}}`, or the status line when the body says nothing useful. */
async function errorMessage(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown }; message?: unknown };
    const message = body.error?.message ?? body.message;
    if (typeof message === 'string' && message !== '') return message;
  } catch {
    // Not JSON (a proxy's HTML page, say): fall through to the raw text.
  }
  return text.trim().slice(0, 200) || res.statusText || 'no message';
}

export function createHttpSink(opts: HttpSinkOptions): SimulatorSink {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? fetch;
  const log = opts.log ?? (() => undefined);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
  };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;

  const retry = opts.retryRateLimited ?? true;

  const send = async (method: 'POST' | 'PATCH', path: string, body: unknown) => {
    for (let attempt = 0; ; attempt++) {
      const res = await doFetch(`${base}${path}`, {
        method,
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (res.status !== 429 || !retry || attempt >= MAX_RATE_RETRIES) return res;
      const wait = retryAfterMs(res);
      await res.body?.cancel();
      if (attempt === 0) log(`simulator: rate limited by the server, retrying in ${wait / 1000} s`);
      await sleep(wait);
    }
  };

  return {
    async report(input) {
      const res = await send('POST', '/api/v1/incidents', input);
      if (!res.ok) throw new Error(`report refused (${res.status}): ${await errorMessage(res)}`);
      const body = (await res.json()) as { incident?: { id?: unknown } };
      const id = body.incident?.id;
      if (typeof id !== 'string')
        throw new Error('report accepted but the response names no incident id');
      // 201 is a new incident; 200 is the server recognising a (source, externalId) it already has.
      return { id, created: res.status === 201 };
    },
    async update(id, input) {
      const res = await send('PATCH', `/api/v1/incidents/${encodeURIComponent(id)}`, input);
      if (res.ok) {
        await res.body?.cancel();
        return;
      }
      const message = await errorMessage(res);
      if (res.status === 409) {
        // Someone at the console moved the incident on meanwhile: skip this step, as a crew would.
        log(`simulator: skipped update of ${id}: ${message}`);
        return;
      }
      throw new Error(`update of ${id} refused (${res.status}): ${message}`);
    },
  };
}
