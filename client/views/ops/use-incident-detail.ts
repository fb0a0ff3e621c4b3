/**
 * The selected incident's full record and history from the API. Refetched whenever the
 * live store says the incident changed (its `lastSeq` moved), so the timeline follows the
 * stream without polling. A stale answer (for an older selection) is never shown.
 */
import { useCallback, useEffect, useState } from 'react';
import { fetchIncidentDetail, type IncidentDetail } from './ops-api.ts';

export type DetailState =
  | { status: 'idle' }
  | { status: 'loading'; previous: IncidentDetail | null }
  | { status: 'ready'; detail: IncidentDetail }
  | { status: 'error'; message: string };

export function useIncidentDetail(
  id: string | null,
  lastSeq: number | null,
  token: string | null,
): { state: DetailState; retry: () => void } {
  const [state, setState] = useState<DetailState>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    if (id === null) {
      setState({ status: 'idle' });
      return;
    }
    const abort = new AbortController();
    // Keeps the last answer for the same incident on screen while the refresh is in flight.
    setState((prev) => ({
      status: 'loading',
      previous: prev.status === 'ready' && prev.detail.incident.id === id ? prev.detail : null,
    }));
    fetchIncidentDetail(id, token, abort.signal)
      .then((res) => {
        // A late answer for a selection that has since changed is dropped.
        if (abort.signal.aborted) return;
        setState(
          res.ok
            ? { status: 'ready', detail: res.data }
            : { status: 'error', message: res.message },
        );
      })
      .catch(() => undefined);
    return () => abort.abort();
  }, [id, lastSeq, token, attempt]);

  return { state, retry };
}
