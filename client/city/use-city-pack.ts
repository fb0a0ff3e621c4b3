/**
 * Loads the city pack from the server. The pack drives labels, colours' names and the
 * map's start view, so nothing renders without it; a failure is shown, with a retry.
 */
import { useCallback, useEffect, useState } from 'react';
import type { CityPack } from '../../shared/city/types.ts';
import { authHeaders } from '../auth/credentials.ts';

export type CityPackResult =
  | { status: 'loading' }
  | { status: 'ready'; pack: CityPack }
  | { status: 'unauthenticated' }
  | { status: 'error'; message: string; retry: () => void };

type LoadState =
  | { status: 'loading' }
  | { status: 'ready'; pack: CityPack }
  | { status: 'unauthenticated' }
  | { status: 'error'; message: string };

const CITY_URL = '/api/v1/city';

function looksLikePack(value: unknown): value is CityPack {
  const v = value as Partial<CityPack> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.timeZone === 'string' &&
    Array.isArray(v.statuses) &&
    Array.isArray(v.categories) &&
    typeof v.center?.lon === 'number'
  );
}

export function useCityPack(token: string | null): CityPackResult {
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<LoadState>({ status: 'loading' });
  const retry = useCallback(() => {
    setResult({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  useEffect(() => {
    const abort = new AbortController();
    fetch(CITY_URL, {
      signal: abort.signal,
      // The server lets browsers keep the pack for minutes; revalidating (a 304 when still
      // logged in) keeps a logged-out browser from rendering views from its cache.
      cache: 'no-cache',
      headers: { accept: 'application/json', ...authHeaders(token) },
    })
      .then(async (res) => {
        if (res.status === 401) {
          setResult({ status: 'unauthenticated' });
          return;
        }
        if (!res.ok) throw new Error(`${CITY_URL}: HTTP ${res.status}`);
        const body: unknown = await res.json();
        if (!looksLikePack(body)) throw new Error(`${CITY_URL}: not a city pack`);
        setResult({ status: 'ready', pack: body });
      })
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        setResult({
          status: 'error',
          message: error instanceof Error ? error.message : String(error),
        });
      });
    return () => abort.abort();
  }, [attempt, token]);

  return result.status === 'error' ? { ...result, retry } : result;
}
