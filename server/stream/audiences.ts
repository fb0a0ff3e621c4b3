/**
 * Who receives which version of the live stream. Every socket joins one audience room;
 * the broadcaster redacts a batch once per audience, not once per socket, with the same
 * `redactorFor` that HTTP reads use, so the socket and the API never disagree.
 */
import type { Principal } from '../../shared/domain/access.ts';
import { redactorFor, type Redactor } from '../../shared/domain/access.ts';

export interface Audience {
  room: string;
  /** Null when the audience sees everything: its batches go out unchanged. */
  redactor: Redactor | null;
}

export function audienceOf(p: Principal): Audience {
  switch (p.role) {
    case 'admin':
    case 'supervisor':
      return { room: 'live:full', redactor: null };
    case 'agency':
      return { room: `live:agency:${p.agency ?? ''}`, redactor: redactorFor(p) };
    case 'display':
      return { room: 'live:display', redactor: redactorFor(p) };
    default:
      return { room: 'live:redacted', redactor: redactorFor(p) };
  }
}

/** Room of every socket a principal has open: revocation hangs them all up. */
export const principalRoom = (principalId: string) => `principal:${principalId}`;
/** Room of the sockets opened with one login session: logout hangs them up. */
export const sessionRoom = (sessionHash: string) => `session:${sessionHash}`;
