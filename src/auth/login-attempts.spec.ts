import { LoginAttempts } from './login-attempts.js';

describe('LoginAttempts', () => {
  let now = 0;
  const attempts = () => new LoginAttempts(3, 60_000, () => now);

  beforeEach(() => { now = 1_000_000; });

  it('lets a login through until the limit of failures is reached', () => {
    const tracker = attempts();
    tracker.recordFailure(['email:a']);
    tracker.recordFailure(['email:a']);
    expect(tracker.retryAfter(['email:a'])).toBe(0);
    tracker.recordFailure(['email:a']);
    expect(tracker.retryAfter(['email:a'])).toBe(60);
  });

  it('forgets failures once the window has passed', () => {
    const tracker = attempts();
    for (let i = 0; i < 3; i++) tracker.recordFailure(['ip:1']);
    now += 30_000;
    expect(tracker.retryAfter(['ip:1'])).toBe(30);
    now += 30_001;
    expect(tracker.retryAfter(['ip:1'])).toBe(0);
  });

  it('a successful login clears the account', () => {
    const tracker = attempts();
    for (let i = 0; i < 3; i++) tracker.recordFailure(['email:a']);
    tracker.reset(['email:a']);
    expect(tracker.retryAfter(['email:a'])).toBe(0);
  });
});
