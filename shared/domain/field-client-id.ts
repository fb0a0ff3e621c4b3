/**
 * A phone that lost its signal sends its queued work again, maybe twice: each field command
 * carries an id the phone made (`clientId`), and a resend of one already in the log —
 * by the same author, on the same incident — appends nothing and gets the first answer.
 * Pure: the server gives the incident's history.
 */
import { z } from 'zod';
import type { Actor, DomainEvent } from './types.ts';

/** What a client id may be: a UUID or any short token of safe characters. */
export const ClientIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{8,80}$/, '8–80 letters, digits or _ . : -');

/** A phone's position at the time (Geolocation): longitude, latitude, accuracy in metres. */
export const FieldPositionSchema = z
  .object({
    lon: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    accuracyM: z.number().min(0).max(100_000).nullable().default(null),
  })
  .strict();

/** The events of `history` a command with `clientId` by `actor` appended, oldest first. */
export function eventsOfClientId(
  history: readonly DomainEvent[],
  clientId: string,
  actor: Actor,
): DomainEvent[] {
  return history.filter(
    (e) =>
      e.type !== 'incident.reported' &&
      'clientId' in e.data &&
      e.data.clientId === clientId &&
      e.actor.kind === actor.kind &&
      e.actor.id === actor.id,
  );
}
