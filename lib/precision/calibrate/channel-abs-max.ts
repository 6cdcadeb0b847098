/**
 * Per-channel max |x| of a tensor, folded in one batch at a time (a fixed-size array per tensor,
 * however many images stream through). SmoothQuant reads these to balance activation outliers
 * against weights. `axis` may be negative (−1 = last), resolved against each batch's rank.
 */
export class ChannelAbsMax {
  private max: Float32Array | undefined;

  constructor(readonly axis: number) {}

  add(data: Float32Array, dims: readonly number[]): void {
    const axis = this.axis < 0 ? dims.length + this.axis : this.axis;
    if (axis < 0 || axis >= dims.length) throw new Error(`channel axis ${this.axis} does not exist in a rank-${dims.length} tensor`);
    const channels = dims[axis];
    const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
    if (!this.max) this.max = new Float32Array(channels);
    if (this.max.length !== channels) throw new Error(`channel count changed from ${this.max.length} to ${channels} between batches`);
    const m = this.max;
    for (let start = 0; start < data.length; start += inner * channels) {
      for (let c = 0; c < channels; c++) {
        const base = start + c * inner;
        let best = m[c];
        for (let i = 0; i < inner; i++) {
          const a = Math.abs(data[base + i]);
          if (a > best) best = a;
        }
        m[c] = best;
      }
    }
  }

  /** The maxima so far (empty when nothing was added). */
  values(): Float32Array {
    return this.max ?? new Float32Array(0);
  }
}
