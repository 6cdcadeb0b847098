/**
 * Latency recorder with bounded memory: a worker runs for weeks, so only the most recent samples
 * (a ring buffer) feed the percentiles, while `count` keeps the total.
 */
export class LatencyRecorder {
  private readonly samples: Float64Array;
  private next = 0;
  private filled = 0;
  count = 0;

  constructor(readonly window = 10_000) {
    this.samples = new Float64Array(Math.max(1, window));
  }

  record(ms: number): void {
    if (!Number.isFinite(ms)) return;
    this.samples[this.next] = ms;
    this.next = (this.next + 1) % this.samples.length;
    this.filled = Math.min(this.filled + 1, this.samples.length);
    this.count++;
  }

  /** Nearest-rank percentile over the window; 0 when nothing was recorded. */
  percentile(p: number): number {
    if (this.filled === 0) return 0;
    const sorted = this.samples.slice(0, this.filled).sort();
    const rank = Math.ceil((Math.min(100, Math.max(0, p)) / 100) * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  /** Both percentiles from one sort. */
  summary(): { p50: number; p99: number } {
    if (this.filled === 0) return { p50: 0, p99: 0 };
    const sorted = this.samples.slice(0, this.filled).sort();
    const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
    return { p50: at(50), p99: at(99) };
  }
}
