/**
 * The incident lifecycle as a graph: which status may follow which. Shared so the server
 * refuses, and the browser never offers, a move the command center does not allow.
 */
import type { Status } from './types.ts';

export const TRANSITIONS: Record<Status, Status[]> = {
  // Triage may skip verification when the report is self-evident (e.g. a fire from a sensor).
  received: ['verified', 'dispatched', 'rejected', 'duplicate'],
  verified: ['dispatched', 'rejected', 'duplicate'],
  // Field crews sometimes fix on arrival, so resolved need not pass through in_progress.
  dispatched: ['in_progress', 'resolved', 'rejected'],
  // Back to dispatched when the crew hands it to another agency or unit.
  in_progress: ['resolved', 'dispatched'],
  // Reopened when the citizen or a check finds the fix did not hold.
  resolved: ['closed', 'in_progress'],
  closed: [],
  rejected: [],
  duplicate: [],
};

export function canTransition(from: Status, to: Status): boolean {
  return TRANSITIONS[from].includes(to);
}
