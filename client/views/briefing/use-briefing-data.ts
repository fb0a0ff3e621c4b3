/**
 * Loads what a briefing shows for a period and its filters: the briefing itself, the
 * period's incidents for the map, and the open incidents for overdue lists. Each load
 * is cancelled when its inputs change, so a fast click through periods never shows an
 * older answer over a newer one.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Briefing } from '../../../shared/domain/briefing.ts';
import type { Incident } from '../../../shared/domain/types.ts';
import {
  fetchBriefing,
  fetchIncidentPages,
  inArea,
  OPEN_STATUSES,
  type IncidentSet,
} from './briefing-api.ts';
import { filterQuery, type BriefingParams } from './briefing-url.ts';
import type { Period } from './period.ts';

/** While loading, `previous` is the last answer for other inputs, so the page can keep it on screen. */
export type Loaded<T> =
  | { status: 'loading'; previous: T | null }
  | { status: 'ready'; data: T }
  | { status: 'error'; message: string };

export interface BriefingData {
  briefing: Loaded<Briefing>;
  /** Incidents reported in the period (the map's data), with a version for the map. */
  incidents: Loaded<IncidentSet & { version: number }>;
  open: Loaded<Incident[]>;
  retry: () => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

interface LoadState<T> {
  key: string;
  value: Loaded<T>;
  last: T | null;
}

function useLoad<T>(
  load: (signal: AbortSignal) => Promise<T>,
  inputs: string,
  attempt: number,
): Loaded<T> {
  const key = `${inputs}#${attempt}`;
  const [state, setState] = useState<LoadState<T>>({
    key: '',
    value: { status: 'loading', previous: null },
    last: null,
  });
  useEffect(() => {
    const abort = new AbortController();
    load(abort.signal).then(
      (data) =>
        !abort.signal.aborted && setState({ key, value: { status: 'ready', data }, last: data }),
      (e: unknown) =>
        !abort.signal.aborted &&
        setState((s) => ({ key, value: { status: 'error', message: message(e) }, last: s.last })),
    );
    return () => abort.abort();
    // `key` names everything `load` reads; the closure itself is new every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  // An answer for other inputs is not this one: loading, with the old answer to show meanwhile.
  return state.key === key ? state.value : { status: 'loading', previous: state.last };
}

let versions = 0;

export function useBriefingData(
  period: Period | null,
  params: BriefingParams,
  token: string | null,
): BriefingData {
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const from = period?.from.toISOString() ?? '';
  const to = period?.to.toISOString() ?? '';
  const filters = filterQuery(params);
  const area = params.area;

  const briefingKey = JSON.stringify([from, to, filters, area, params.minCount]);
  const briefing = useLoad(
    (signal) => {
      if (!period) return new Promise<Briefing>(() => undefined);
      return fetchBriefing(
        { from, to, minCount: params.minCount, ...(area ? { area } : {}), ...filters },
        token,
        signal,
      );
    },
    briefingKey,
    attempt,
  );

  const incidentsKey = JSON.stringify([from, to, filters, area]);
  const incidents = useLoad(
    async (signal) => {
      if (!period) return new Promise<IncidentSet & { version: number }>(() => undefined);
      const set = await fetchIncidentPages({ since: from, until: to, ...filters }, token, signal);
      return {
        items: set.items.filter(inArea(area)),
        truncated: set.truncated,
        version: ++versions,
      };
    },
    incidentsKey,
    attempt,
  );

  const openKey = JSON.stringify([filters, area]);
  const open = useLoad(
    async (signal) => {
      const set = await fetchIncidentPages({ status: OPEN_STATUSES, ...filters }, token, signal);
      return set.items.filter(inArea(area));
    },
    openKey,
    attempt,
  );

  return { briefing, incidents, open, retry };
}
