import { deliveryNeeds, hasStarted, seatsLeft } from './session-rules.js';

describe('deliveryNeeds', () => {
  it('asks a place of in-person and hybrid sessions and a link of distance ones', () => {
    expect(deliveryNeeds(['in_person'])).toEqual({ place: true, onlineUrl: false });
    expect(deliveryNeeds(['hybrid'])).toEqual({ place: true, onlineUrl: false });
    expect(deliveryNeeds(['distance_sync'])).toEqual({ place: false, onlineUrl: true });
    expect(deliveryNeeds(['distance_async'])).toEqual({ place: false, onlineUrl: true });
  });

  it('asks both of a programme mixing a campus module and an online one', () => {
    expect(deliveryNeeds(['in_person', 'distance_async', 'in_person'])).toEqual({ place: true, onlineUrl: true });
  });
});

describe('seatsLeft', () => {
  it('counts down from the capacity and stops at zero', () => {
    expect(seatsLeft(25, 18)).toBe(7);
    expect(seatsLeft(20, 20)).toBe(0);
    expect(seatsLeft(20, 22)).toBe(0);
  });
});

describe('hasStarted', () => {
  it('counts a session begun from its first day in the earliest time zone, never the day before', () => {
    expect(hasStarted('2027-02-08', new Date('2027-02-07T09:59:59Z'))).toBe(false);
    expect(hasStarted('2027-02-08', new Date('2027-02-07T10:00:00Z'))).toBe(true); // midnight at UTC+14
    expect(hasStarted('2027-02-08', new Date('2027-02-08T07:30:00Z'))).toBe(true);
    expect(hasStarted('2027-02-08', new Date('2027-01-20T12:00:00Z'))).toBe(false);
  });
});
