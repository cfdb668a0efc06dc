// Rules of a training session: what its delivery needs, the seats it has left, whether it has begun.
import { conflict } from '../common/problems.js';
import type { Modality } from './training-module.entity.js';

export interface DeliveryNeeds {
  place: boolean;
  onlineUrl: boolean;
}

/**
 * In-person and hybrid teaching happens in a room, so a session needs a place; distance teaching (synchronous or not)
 * needs a link. A programme session follows all of its modules: one mixing both kinds needs both.
 */
export function deliveryNeeds(modalities: Modality[]): DeliveryNeeds {
  return {
    place: modalities.some((modality) => modality === 'in_person' || modality === 'hybrid'),
    onlineUrl: modalities.some((modality) => modality === 'distance_sync' || modality === 'distance_async'),
  };
}

/** Seats still open; never negative, even if capacity was lowered below past enrolments by an earlier rule. */
export const seatsLeft = (capacity: number, enrolled: number): number => Math.max(0, capacity - enrolled);

/** Hours the earliest time zone (UTC+14) is ahead: a session's first day has begun somewhere once it has begun there. */
const EARLIEST_ZONE_MS = 14 * 3600_000;

/**
 * Whether a session starting on `startsOn` (a calendar day, in the school's time zone, which the record does not
 * keep) has begun at `at`: counted from the day's start in the earliest time zone, so a school is never refused on the
 * first morning of its session, and results, completions and certificates are refused the day before.
 */
export const hasStarted = (startsOn: string, at: Date): boolean =>
  startsOn <= new Date(at.getTime() + EARLIEST_ZONE_MS).toISOString().slice(0, 10);

/** Results, completions and certificates belong to a session that has begun at `now`: 409 naming the field that leads to it. */
export function assertSessionStarted(startsOn: string, now: Date, field: string, consequence: string): void {
  if (hasStarted(startsOn, now)) return;
  throw conflict('session_not_started', `The session starts on ${startsOn}: ${consequence}`, [
    { field, reason: `the session starts on ${startsOn}` },
  ]);
}
