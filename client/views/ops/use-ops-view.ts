/**
 * The console's view state (filters, sort, open incident) kept in the address bar, so a
 * link reproduces what a supervisor sees. Read once from the URL on load, validated
 * against the city pack; every change is written back with `history.replaceState`, so
 * adjusting a filter does not flood the back button.
 */
import { useCallback, useEffect, useState } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import {
  parseView,
  serializeView,
  type OpsFilters,
  type OpsView,
  type SortKey,
} from './ops-filters.ts';

export function useOpsView(pack: CityPack) {
  const [view, setView] = useState<OpsView>(() => parseView(window.location.search, pack));

  useEffect(() => {
    const { pathname, search, hash } = window.location;
    const next = serializeView(view, search);
    if (next !== search)
      window.history.replaceState(window.history.state, '', pathname + next + hash);
  }, [view]);

  const setFilters = useCallback(
    (update: (f: OpsFilters) => OpsFilters) =>
      setView((v) => ({ ...v, filters: update(v.filters) })),
    [],
  );
  const setSort = useCallback((sort: SortKey) => setView((v) => ({ ...v, sort })), []);
  const select = useCallback(
    (selectedId: string | null) => setView((v) => ({ ...v, selectedId })),
    [],
  );
  return { view, setFilters, setSort, select };
}
