// A clock that stands still until the test moves it: "three months after the session" is one call, not a sleep.
import { Clock } from '../clock.js';

export interface Duration {
  months?: number;
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
}

export class FixedClock extends Clock {
  private current: Date;

  constructor(start: Date | string) {
    super();
    this.current = FixedClock.valid(new Date(start));
  }

  override now(): Date {
    return new Date(this.current); // a copy: a caller changing its date does not move the clock
  }

  set(date: Date | string): this {
    this.current = FixedClock.valid(new Date(date));
    return this;
  }

  /** Moves forward (or back, with negative amounts); months are calendar months in UTC. */
  advance({ months = 0, days = 0, hours = 0, minutes = 0, seconds = 0 }: Duration): this {
    const next = new Date(this.current);
    if (months) next.setUTCMonth(next.getUTCMonth() + months);
    this.current = FixedClock.valid(new Date(next.getTime() + (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000));
    return this;
  }

  private static valid(date: Date): Date {
    if (Number.isNaN(date.getTime())) throw new TypeError('FixedClock needs a valid date.');
    return date;
  }
}
