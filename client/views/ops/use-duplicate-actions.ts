/**
 * Sends the drawer's duplicate commands and tracks the one in flight, as
 * use-incident-actions.ts does for the others: link a report to a master, split a report
 * off, confirm a linked report (PATCH status `duplicate`). The target is named per call,
 * since a master's drawer splits its reports. Nothing changes locally on success: the
 * change comes back over the stream; a refusal keeps the server's message to show.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiResult } from '../../auth/api-request.ts';
import type { ActionFeedback } from './use-incident-actions.ts';
import { linkIncident, splitIncident, updateIncident } from './ops-api.ts';

export interface DuplicateActions {
  /** `link:<masterId>`, `split:<id>` or `confirm:<id>` while waiting; else null. */
  pending: string | null;
  feedback: ActionFeedback;
  link(reportId: string, masterId: string): Promise<boolean>;
  split(reportId: string): Promise<boolean>;
  confirm(reportId: string): Promise<boolean>;
}

export function useDuplicateActions(
  selectedId: string | null,
  token: string | null,
): DuplicateActions {
  const [pending, setPending] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<ActionFeedback>(null);
  const busy = useRef(false);
  const current = useRef(selectedId);
  current.current = selectedId;

  useEffect(() => setFeedback(null), [selectedId]);

  const run = useCallback(async (name: string, call: () => Promise<ApiResult<unknown>>) => {
    if (busy.current) return false;
    const asked = current.current;
    busy.current = true;
    setPending(name);
    setFeedback(null);
    try {
      const res = await call();
      if (!res.ok && current.current === asked) {
        const kind = res.status >= 400 && res.status < 500 ? 'refused' : 'failed';
        setFeedback({ kind, message: res.message });
      }
      return res.ok;
    } finally {
      busy.current = false;
      setPending(null);
    }
  }, []);

  return {
    pending,
    feedback,
    link: (reportId, masterId) =>
      run(`link:${masterId}`, () => linkIncident(reportId, masterId, token)),
    split: (reportId) => run(`split:${reportId}`, () => splitIncident(reportId, token)),
    confirm: (reportId) =>
      run(`confirm:${reportId}`, () => updateIncident(reportId, { status: 'duplicate' }, token)),
  };
}
