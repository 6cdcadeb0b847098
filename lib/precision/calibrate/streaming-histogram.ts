/**
 * Running statistics of one tensor over the whole calibration set, in fixed memory: min, max and
 * a histogram of raw values over a symmetric range [−R, R]. When a batch exceeds R the range is
 * doubled (as many times as needed) and pairs of old bins merge exactly into new ones, so no
 * batch is ever re-read and the histogram never grows.
 */
export const DEFAULT_BINS = 4096;

export class StreamingHistogram {
  min = Infinity;
  max = -Infinity;
  count = 0;
  /** Half-width of the histogram's range; 0 until the first non-zero value. */
  range = 0;
  readonly bins: Float64Array;

  constructor(readonly binCount: number = DEFAULT_BINS) {
    if (binCount % 4 !== 0 || binCount < 16) throw new Error('binCount must be a multiple of 4 and ≥ 16');
    this.bins = new Float64Array(binCount);
  }

  add(values: ArrayLike<number>): void {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (!(lo <= hi)) return; // empty or all NaN
    this.min = Math.min(this.min, lo);
    this.max = Math.max(this.max, hi);
    this.count += values.length;
    const absMax = Math.max(Math.abs(lo), Math.abs(hi));
    if (this.range === 0) this.range = absMax > 0 ? absMax : 0;
    else while (absMax > this.range) this.doubleRange();
    if (this.range === 0) {
      // All zeros so far: they sit on the centre edge; count them in the bin just above it.
      this.bins[this.binCount / 2] += values.length;
      return;
    }
    const n = this.binCount;
    const perUnit = n / (2 * this.range);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== v) continue;
      let b = Math.floor((v + this.range) * perUnit);
      if (b >= n) b = n - 1;
      else if (b < 0) b = 0;
      this.bins[b]++;
    }
  }

  /** Width of one bin. */
  get binWidth(): number {
    return (2 * this.range) / this.binCount;
  }

  private doubleRange(): void {
    const n = this.binCount;
    const half = n / 2;
    const old = Float64Array.from(this.bins);
    this.bins.fill(0);
    // Old bin i covers [−R + i·w, …); under range 2R it falls into new bin half/2 + floor(i/2).
    for (let i = 0; i < n; i++) this.bins[half / 2 + Math.floor(i / 2)] += old[i];
    this.range *= 2;
  }
}
