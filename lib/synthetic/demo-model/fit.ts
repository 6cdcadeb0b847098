/**
 * Fitting the demo model on good parts only (it is an anomaly model: it learns what normal looks
 * like). For each filter: eps keeps the relative energy finite on very smooth parts, and gain scales
 * the filter so that its largest response on a good part reaches 1 only rarely — so that no filter
 * dominates the max across filters with its own ordinary texture response.
 */
import type { FittedParams } from './graph';

/** Per part and filter ([parts × filters], row-major): mean and max of the energy map. */
export interface EnergySummary {
  parts: number;
  filters: number;
  mean: Float32Array;
  max: Float32Array;
}

export interface FitOptions {
  /** eps_k = epsFraction × median over parts of filter k's mean energy. */
  epsFraction: number;
  /** Quantile of the per-part peak that maps to 1. */
  quantile: number;
}

export function fitParams(e: EnergySummary, options: FitOptions): FittedParams {
  const column = (values: Float32Array, k: number) => Array.from({ length: e.parts }, (_, n) => values[n * e.filters + k]);
  const eps: number[] = [];
  const gain: number[] = [];
  for (let k = 0; k < e.filters; k++) {
    const epsK = round(options.epsFraction * quantile(column(e.mean, k), 0.5));
    const means = column(e.mean, k);
    const peaks = column(e.max, k).map((max, n) => max / (means[n] + epsK) - 1);
    eps.push(epsK);
    gain.push(round(1 / Math.max(quantile(peaks, options.quantile), 1e-6)));
  }
  return { eps, gain };
}

/** Linear-interpolated quantile, q in [0, 1]. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Six significant digits: fitted numbers then print, diff and reproduce cleanly. */
export function round(v: number): number {
  return Number(v.toPrecision(6));
}
