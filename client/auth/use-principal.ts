/**
 * Who this browser is logged in as (GET /api/v1/auth/me). Asked once per page load and
 * shared by every component that wants it (the user menu, the home cards, the admin gate),
 * so placing the menu in a view costs no extra request.
 */
import { useEffect, useState } from 'react';
import type { Principal } from '../../shared/domain/access.ts';
import { apiRequest, type ApiFailure } from './api-request.ts';

export type PrincipalState =
  | { status: 'loading' }
  | { status: 'ready'; principal: Principal }
  | { status: 'unauthenticated' }
  | { status: 'error'; message: string };

let pending: Promise<PrincipalState> | null = null;

function toState(res: { ok: true; data: { principal: Principal } } | ApiFailure): PrincipalState {
  if (res.ok) return { status: 'ready', principal: res.data.principal };
  if (res.status === 401) return { status: 'unauthenticated' };
  return { status: 'error', message: res.message };
}

/** The shared answer; `fresh` asks again (after a login or logout on this page). */
export function loadPrincipal(fresh = false): Promise<PrincipalState> {
  if (fresh || !pending) {
    pending = apiRequest<{ principal: Principal }>('/api/v1/auth/me').then(toState);
    // A failed look-up is not cached, so the next mount can try again.
    pending.then((s) => {
      if (s.status === 'error') pending = null;
    });
  }
  return pending;
}

export function usePrincipal(): PrincipalState {
  const [state, setState] = useState<PrincipalState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    loadPrincipal().then((s) => {
      if (live) setState(s);
    });
    return () => {
      live = false;
    };
  }, []);
  return state;
}
