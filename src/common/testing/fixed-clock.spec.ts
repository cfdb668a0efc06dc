import { FixedClock } from './fixed-clock.js';

describe('FixedClock', () => {
  it('stands still until moved, and hands out copies', () => {
    const clock = new FixedClock('2027-02-08T09:00:00Z');
    const now = clock.now();
    now.setUTCFullYear(2030);
    expect(clock.now().toISOString()).toBe('2027-02-08T09:00:00.000Z');
    expect(clock.set('2027-03-01T00:00:00Z').now().toISOString()).toBe('2027-03-01T00:00:00.000Z');
  });

  it('advances by calendar months (UTC) and by days, hours, minutes and seconds', () => {
    const clock = new FixedClock('2027-01-31T12:00:00Z');
    expect(clock.advance({ months: 3 }).now().toISOString()).toBe('2027-05-01T12:00:00.000Z'); // 31 April rolls over, as Date does
    expect(clock.advance({ days: 1, hours: 2, minutes: 30, seconds: 5 }).now().toISOString()).toBe('2027-05-02T14:30:05.000Z');
    expect(clock.advance({ days: -2 }).now().toISOString()).toBe('2027-04-30T14:30:05.000Z');
  });

  it('refuses a date that is not one', () => {
    expect(() => new FixedClock('the day after the session')).toThrow('FixedClock needs a valid date.');
  });
});
