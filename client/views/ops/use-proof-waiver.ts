/**
 * Sends a supervisor's waiver of the selected incident's photo proof and tracks it while in
 * flight, as use-incident-actions.ts does for the other commands. Nothing changes locally on
 * success: the waiver comes back over the stream; a refusal keeps the server's message.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActionFeedback } from './use-incident-actions.ts';
import { waiveProof } from './ops-api.ts';

export interface ProofWaiverActions {
  pending: boolean;
  feedback: ActionFeedback;
  waive(note: string): Promise<boolean>;
}

export function useProofWaiver(id: string | null, token: string | null): ProofWaiverActions {
  const [pending, setPending] = useState(false);
  const [feedback, setFeedback] = useState<ActionFeedback>(null);
  const busy = useRef(false);
  const currentId = useRef(id);
  currentId.current = id;

  useEffect(() => setFeedback(null), [id]);

  const waive = useCallback(
    async (note: string) => {
      if (id === null || busy.current) return false;
      busy.current = true;
      setPending(true);
      setFeedback(null);
      try {
        const res = await waiveProof(id, note, token);
        if (!res.ok && currentId.current === id) {
          const kind = res.status >= 400 && res.status < 500 ? 'refused' : 'failed';
          setFeedback({ kind, message: res.message });
        }
        return res.ok;
      } finally {
        busy.current = false;
        setPending(false);
      }
    },
    [id, token],
  );

  return { pending, feedback, waive };
}
