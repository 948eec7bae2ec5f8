import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.ts';

function throttleAt(start = 0) {
  const clock = { now: start };
  const throttle = new LoginThrottle({ maxPerEmail: 3, maxPerAddress: 5, windowMs: 60_000, now: () => clock.now });
  return { throttle, clock };
}

describe('LoginThrottle', () => {
  it('holds an address and email after the allowed failures, until the oldest leaves the window', () => {
    const { throttle, clock } = throttleAt();
    for (let i = 0; i < 3; i++) {
      expect(throttle.retryAfter('1.2.3.4', 'a@x.test')).toBe(0);
      throttle.recordFailure('1.2.3.4', 'a@x.test');
      clock.now += 10_000;
    }
    // Failures at 0 s, 10 s, 20 s; now 30 s: the first leaves the window at 60 s.
    expect(throttle.retryAfter('1.2.3.4', 'A@X.test ')).toBe(30);
    expect(throttle.retryAfter('5.6.7.8', 'a@x.test')).toBe(0);
    expect(throttle.retryAfter('1.2.3.4', 'b@x.test')).toBe(0);
    clock.now = 60_001;
    expect(throttle.retryAfter('1.2.3.4', 'a@x.test')).toBe(0);
  });

  it('holds an address trying many emails', () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < 5; i++) throttle.recordFailure('1.2.3.4', `user${i}@x.test`);
    expect(throttle.retryAfter('1.2.3.4', 'fresh@x.test')).toBeGreaterThan(0);
  });

  it('forgets an email’s failures after a successful sign-in', () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < 2; i++) throttle.recordFailure('1.2.3.4', 'a@x.test');
    throttle.recordSuccess('1.2.3.4', 'a@x.test');
    throttle.recordFailure('1.2.3.4', 'a@x.test');
    expect(throttle.retryAfter('1.2.3.4', 'a@x.test')).toBe(0);
  });
});
