/**
 * Who is using the console, asked once per page: the drawer hides nothing until it knows,
 * and disables actions the role may not take (the server refuses them either way).
 */
import { useEffect, useState } from 'react';
import type { Principal } from '../../../shared/domain/access.ts';
import { fetchPrincipal } from './ops-api.ts';

export type PrincipalState =
  | { status: 'loading' }
  | { status: 'ready'; principal: Principal }
  | { status: 'error'; message: string };

export function usePrincipal(token: string | null): PrincipalState {
  const [state, setState] = useState<PrincipalState>({ status: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    fetchPrincipal(token, abort.signal)
      .then((res) => {
        if (abort.signal.aborted) return;
        setState(
          res.ok
            ? { status: 'ready', principal: res.data.principal }
            : { status: 'error', message: res.message },
        );
      })
      .catch(() => undefined);
    return () => abort.abort();
  }, [token]);
  return state;
}
