/**
 * A token bucket on an injected clock: up to `perMinute` takes in a burst, refilled continuously
 * at perMinute per 60 s. Used to keep an image sink from filling a disk when a line goes bad.
 */
export class TokenBucket {
  private tokens: number;
  private last: number | undefined;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {
    this.tokens = perMinute;
  }

  /** True (and one token spent) if allowed now. */
  take(): boolean {
    const t = this.now();
    if (this.last !== undefined && t > this.last) this.tokens = Math.min(this.perMinute, this.tokens + ((t - this.last) * this.perMinute) / 60_000);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
