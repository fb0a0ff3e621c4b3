/**
 * The reports linked to a master, from the API (GET /incidents/:id/reports). Refetched when
 * the master changes in the live store (a link or a split moves its `lastSeq`); each report
 * is then read from the live store when it is there, so a confirmation made since shows at
 * once. A stale answer (for an earlier master) is never shown.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Incident } from '../../../shared/domain/types.ts';
import { fetchLinkedReports } from './ops-api.ts';

export type LinkedReportsState =
  | { status: 'idle' }
  | { status: 'loading'; previous: Incident[] | null }
  | { status: 'ready'; reports: Incident[] }
  | { status: 'error'; message: string };

export function useLinkedReports(
  masterId: string | null,
  masterSeq: number | null,
  token: string | null,
): { state: LinkedReportsState; retry: () => void } {
  const [state, setState] = useState<LinkedReportsState>({ status: 'idle' });
  const [shownFor, setShownFor] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    if (masterId === null) {
      setState({ status: 'idle' });
      return;
    }
    const abort = new AbortController();
    setState((prev) => ({
      status: 'loading',
      previous: prev.status === 'ready' && shownFor === masterId ? prev.reports : null,
    }));
    fetchLinkedReports(masterId, token, abort.signal)
      .then((res) => {
        if (abort.signal.aborted) return;
        setShownFor(masterId);
        setState(
          res.ok
            ? { status: 'ready', reports: res.data.items }
            : { status: 'error', message: res.message },
        );
      })
      .catch(() => undefined);
    return () => abort.abort();
    // `shownFor` is read only to keep the previous answer of the same master.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [masterId, masterSeq, token, attempt]);

  return { state, retry };
}

/** The reports to show: the latest answer (or the one before, while refreshing), live. */
export function shownReports(
  state: LinkedReportsState,
  live: ReadonlyMap<string, Incident>,
): Incident[] | null {
  const reports =
    state.status === 'ready' ? state.reports : state.status === 'loading' ? state.previous : null;
  return reports === null ? null : reports.map((r) => live.get(r.id) ?? r);
}
