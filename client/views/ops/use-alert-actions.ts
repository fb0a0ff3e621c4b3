/**
 * Sends the queue's acts through the HTTP API and tracks the one in flight, so the queue's
 * buttons are disabled until the server answers (a double press must not acknowledge twice).
 * Nothing changes locally on success: the alert's new state comes back over the stream. A
 * refusal keeps the server's message beside the alert it was about.
 */
import { useCallback, useRef, useState } from 'react';
import type { AlertAct } from '../../../shared/domain/access.ts';
import type { ApiResult } from '../../auth/api-request.ts';
import { actOnAlert } from './alerts-api.ts';
import type { ActionFeedback } from './use-incident-actions.ts';

export interface AlertActions {
  /** The act waiting for the server, and on which alert; null when none. */
  pending: { id: string; act: AlertAct } | null;
  /** The last refusal or failure, and which alert it was about. */
  feedback: { id: string; feedback: NonNullable<ActionFeedback> } | null;
  send(id: string, act: AlertAct, note: string | null): Promise<boolean>;
}

/** `request` is the HTTP call; tests and the page both pass `actOnAlert`'s shape. */
export type AlertRequest = (
  id: string,
  act: AlertAct,
  note: string | null,
  token: string | null,
) => Promise<ApiResult<unknown>>;

export function useAlertActions(
  token: string | null,
  request: AlertRequest = actOnAlert,
): AlertActions {
  const [pending, setPending] = useState<AlertActions['pending']>(null);
  const [feedback, setFeedback] = useState<AlertActions['feedback']>(null);
  const busy = useRef(false);

  const send = useCallback(
    async (id: string, act: AlertAct, note: string | null) => {
      if (busy.current) return false;
      busy.current = true;
      setPending({ id, act });
      setFeedback(null);
      try {
        const res = await request(id, act, note, token);
        if (!res.ok) {
          const kind = res.status >= 400 && res.status < 500 ? 'refused' : 'failed';
          setFeedback({ id, feedback: { kind, message: res.message } });
        }
        return res.ok;
      } finally {
        busy.current = false;
        setPending(null);
      }
    },
    [token, request],
  );

  return { pending, feedback, send };
}
