/**
 * TensorRT's entropy calibration: over a histogram of |x|, pick the clipping threshold whose
 * quantized distribution (QUANT_BINS levels) loses the least information, measured as the KL
 * divergence between the clipped reference P (outliers folded into its last bin) and its
 * re-expanded quantization Q.
 */
export const QUANT_BINS = 128;

/** Returns the threshold, in the histogram's units (bin index × binWidth). */
export function entropyThreshold(absBins: Float64Array, binWidth: number, quantBins = QUANT_BINS): number {
  const n = absBins.length;
  let last = n - 1;
  while (last > 0 && absBins[last] === 0) last--;
  const used = last + 1;
  if (used <= quantBins) return used * binWidth;
  const tail = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) tail[i] = tail[i + 1] + absBins[i];
  let best = used;
  let bestKl = Infinity;
  const p = new Float64Array(used);
  const q = new Float64Array(used);
  for (let i = quantBins; i <= used; i++) {
    for (let j = 0; j < i; j++) p[j] = absBins[j];
    p[i - 1] += tail[i];
    quantizeExpand(absBins, i, quantBins, q);
    const kl = divergence(p, q, i);
    if (kl < bestKl) {
      bestKl = kl;
      best = i;
    }
  }
  return best * binWidth;
}

/** Merges bins [0, i) into `levels` groups, then spreads each group's mass over its non-empty bins. */
function quantizeExpand(bins: Float64Array, i: number, levels: number, q: Float64Array): void {
  const step = i / levels;
  for (let l = 0; l < levels; l++) {
    const start = Math.floor(l * step);
    const end = l === levels - 1 ? i : Math.floor((l + 1) * step);
    let sum = 0;
    let nonZero = 0;
    for (let j = start; j < end; j++) {
      sum += bins[j];
      if (bins[j] !== 0) nonZero++;
    }
    const share = nonZero ? sum / nonZero : 0;
    for (let j = start; j < end; j++) q[j] = bins[j] !== 0 ? share : 0;
  }
}

/** KL(P‖Q) of the first i entries, each normalised; empty Q bins where P has mass get a tiny floor. */
function divergence(p: Float64Array, q: Float64Array, i: number): number {
  let sp = 0;
  let sq = 0;
  for (let j = 0; j < i; j++) {
    sp += p[j];
    sq += q[j];
  }
  if (sp === 0 || sq === 0) return Infinity;
  let kl = 0;
  for (let j = 0; j < i; j++) {
    if (p[j] === 0) continue;
    const pj = p[j] / sp;
    const qj = q[j] > 0 ? q[j] / sq : 1e-12;
    kl += pj * Math.log(pj / qj);
  }
  return kl;
}
