/**
 * Sends the drawer's commands through the HTTP API and tracks the one in flight, so its
 * buttons are disabled until the server answers. Nothing changes locally on success: the
 * change comes back over the stream, to this screen and every other one alike. A refusal
 * keeps the server's message for the drawer to show.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UpdateIncidentInput } from '../../../shared/domain/schemas.ts';
import { updateIncident } from './ops-api.ts';

export type ActionFeedback =
  { kind: 'refused'; message: string } | { kind: 'failed'; message: string } | null;

export interface IncidentActions {
  /** Which action is waiting for the server, by name; null when none. */
  pending: string | null;
  feedback: ActionFeedback;
  send(name: string, changes: UpdateIncidentInput): Promise<boolean>;
}

export function useIncidentActions(id: string | null, token: string | null): IncidentActions {
  const [pending, setPending] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<ActionFeedback>(null);
  const busy = useRef(false);
  const currentId = useRef(id);
  currentId.current = id;

  useEffect(() => {
    setFeedback(null);
  }, [id]);

  const send = useCallback(
    async (name: string, changes: UpdateIncidentInput) => {
      // One command at a time: a double press must not send a second, conflicting change.
      if (id === null || busy.current) return false;
      busy.current = true;
      setPending(name);
      setFeedback(null);
      try {
        const res = await updateIncident(id, changes, token);
        if (currentId.current !== id) return res.ok;
        if (!res.ok) {
          const kind = res.status >= 400 && res.status < 500 ? 'refused' : 'failed';
          setFeedback({ kind, message: res.message });
        }
        return res.ok;
      } finally {
        busy.current = false;
        setPending(null);
      }
    },
    [id, token],
  );

  return { pending, feedback, send };
}
