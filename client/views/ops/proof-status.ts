/**
 * Where the selected incident stands on its photo proof of closure, for the drawer's proof
 * line, and whether the signed-in user is offered the waiver. The verdict is the shared
 * rule's (`proofOfClosure`, the one the server enforces) against the deployment's radius;
 * who may waive is the shared policy's (`incident:waive`). The server still decides. Pure.
 */
import type { Principal } from '../../../shared/domain/access.ts';
import { authorize } from '../../../shared/domain/access.ts';
import { proofOfClosure, type FieldSettings } from '../../../shared/domain/field-proof.ts';
import { TERMINAL_STATUSES, type Incident } from '../../../shared/domain/types.ts';

export type ProofLine =
  /** The radius is not known yet, so nothing can be judged but a waiver. */
  | { kind: 'loading' }
  | { kind: 'photo'; photoId: string }
  | { kind: 'waiver'; by: string; note: string }
  /** Open without proof: what a crew still needs. */
  | { kind: 'missing' }
  /** Ended without proof (a supervisor resolved it, or it was closed another way). */
  | { kind: 'none' };

export interface ProofStatus {
  line: ProofLine;
  /** A supervisor or admin, on an open incident whose proof is neither held nor waived. */
  mayWaive: boolean;
}

type ProofFacts = Pick<
  Incident,
  'status' | 'photos' | 'proofWaived' | 'dispatchedAt' | 'firstResponseAt' | 'reportedAt'
>;

export function proofStatus(
  incident: ProofFacts,
  settings: FieldSettings | null,
  principal: Principal | null,
): ProofStatus {
  const ended = TERMINAL_STATUSES.includes(incident.status);
  const line = proofLine(incident, settings, ended);
  const mayWaive =
    principal !== null &&
    authorize(principal, { type: 'incident:waive' }).allowed &&
    !ended &&
    (line.kind === 'missing' || line.kind === 'loading');
  return { line, mayWaive };
}

function proofLine(
  incident: ProofFacts,
  settings: FieldSettings | null,
  ended: boolean,
): ProofLine {
  const waived = incident.proofWaived;
  if (waived) return { kind: 'waiver', by: waived.by, note: waived.note };
  if (!settings) return { kind: 'loading' };
  const verdict = proofOfClosure(incident, { radiusM: settings.proofRadiusM });
  if (verdict.ok && verdict.by === 'photo') return { kind: 'photo', photoId: verdict.photoId };
  return { kind: ended ? 'none' : 'missing' };
}
