/**
 * Loads one admin list (users, tokens, connectors) and keeps it in step with the changes
 * this page makes, without reloading: a created item is added, a changed one replaced, a
 * deleted one dropped. `refresh` reloads in the background, keeping the table meanwhile.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ApiResult } from '../../auth/api-request.ts';

export type ListState<T> =
  | { status: 'loading' }
  | { status: 'ready'; items: T[] }
  | { status: 'error'; code: number; message: string };

export function useAdminList<T extends { id: string }>(
  load: (signal: AbortSignal) => Promise<ApiResult<T[]>>,
) {
  const [state, setState] = useState<ListState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    load(abort.signal)
      .then((res) =>
        setState(
          res.ok
            ? { status: 'ready', items: res.data }
            : { status: 'error', code: res.status, message: res.message },
        ),
      )
      .catch(() => undefined);
    return () => abort.abort();
  }, [load, attempt]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  /** Replaces the item with the same id, or puts a new one first. */
  const upsert = useCallback((item: T) => {
    setState((s) => {
      if (s.status !== 'ready') return s;
      const at = s.items.findIndex((i) => i.id === item.id);
      const items = at === -1 ? [item, ...s.items] : s.items.map((i, n) => (n === at ? item : i));
      return { status: 'ready', items };
    });
  }, []);

  const remove = useCallback((id: string) => {
    setState((s) =>
      s.status === 'ready' ? { ...s, items: s.items.filter((i) => i.id !== id) } : s,
    );
  }, []);

  const refresh = useCallback(() => setAttempt((n) => n + 1), []);

  return { state, retry, upsert, remove, refresh };
}
