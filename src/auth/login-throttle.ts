/**
 * Counts failed sign-ins per address and email, and per address alone, in a
 * sliding window. In memory: one server process. A cluster behind a load balancer
 * would need a shared store, at which point this moves to the database.
 */
export interface ThrottleOptions {
  /** Failures allowed per address and email within the window. */
  maxPerEmail: number;
  /** Failures allowed per address (any emails) within the window: stops password spraying. */
  maxPerAddress: number;
  windowMs: number;
  now?: () => number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = { maxPerEmail: 10, maxPerAddress: 50, windowMs: 15 * 60_000 };

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly now: () => number;

  constructor(private readonly options: ThrottleOptions = DEFAULT_THROTTLE) {
    this.now = options.now ?? Date.now;
  }

  /** Seconds until another attempt is allowed, or 0 if one is allowed now. */
  retryAfter(address: string, email: string): number {
    const waits = [
      this.wait(addressKey(address), this.options.maxPerAddress),
      this.wait(emailKey(address, email), this.options.maxPerEmail),
    ];
    return Math.max(...waits);
  }

  recordFailure(address: string, email: string): void {
    const now = this.now();
    for (const key of [addressKey(address), emailKey(address, email)]) {
      const times = this.recent(key);
      times.push(now);
      this.failures.set(key, times);
    }
    if (this.failures.size > 10_000) this.prune();
  }

  /** A successful sign-in clears that email's failures from that address. */
  recordSuccess(address: string, email: string): void {
    this.failures.delete(emailKey(address, email));
  }

  private wait(key: string, max: number): number {
    const times = this.recent(key);
    if (times.length < max) return 0;
    const oldestThatCounts = times[times.length - max]!;
    return Math.max(1, Math.ceil((oldestThatCounts + this.options.windowMs - this.now()) / 1000));
  }

  private recent(key: string): number[] {
    const since = this.now() - this.options.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }

  private prune(): void {
    for (const key of [...this.failures.keys()]) {
      const times = this.recent(key);
      if (times.length === 0) this.failures.delete(key);
      else this.failures.set(key, times);
    }
  }
}

const addressKey = (address: string) => `a:${address}`;
const emailKey = (address: string, email: string) => `e:${address}:${email.trim().toLowerCase()}`;
