/** Calibration statistics: the streaming histogram and the three range methods. */
import { describe, expect, it } from 'vitest';
import { StreamingHistogram } from '@/lib/precision/calibrate/streaming-histogram';
import { tensorRange } from '@/lib/precision/calibrate/tensor-range';
import { quantParams } from '@/lib/precision/quantize/quant-params';
import { quantizeBias, quantizeWeight } from '@/lib/precision/quantize/quantize-weights';

/** Deterministic normal samples (Box–Muller on a small LCG). */
function normals(n: number, sigma: number, seed = 1): Float32Array {
  let s = seed;
  const u = () => ((s = (s * 1664525 + 1013904223) >>> 0) + 1) / 4294967297;
  return Float32Array.from({ length: n }, () => sigma * Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()));
}

describe('StreamingHistogram', () => {
  it('given batches whose range grows, when added one at a time, then counts are exact and bins stay fixed-size', () => {
    const h = new StreamingHistogram(64);
    h.add(Float32Array.of(0.1, -0.2, 0.3));
    h.add(Float32Array.of(5, -7));
    h.add(Float32Array.of(40));
    expect(h.bins.length).toBe(64);
    expect(h.count).toBe(6);
    expect(h.bins.reduce((a, b) => a + b, 0)).toBe(6);
    expect([h.min, h.max]).toEqual([-7, 40]);
    expect(h.range).toBeGreaterThanOrEqual(40);
  });

  it('given a range doubling, when bins merge, then every value is still in the bin that contains it', () => {
    const values = normals(5000, 1);
    const h = new StreamingHistogram(256);
    h.add(values.subarray(0, 10).map((v) => v * 0.01));
    h.add(values);
    const direct = new Float64Array(256);
    const w = (2 * h.range) / 256;
    for (const v of [...values.subarray(0, 10).map((x) => x * 0.01), ...values]) direct[Math.min(255, Math.floor((v + h.range) / w))]++;
    expect(Array.from(h.bins)).toEqual(Array.from(direct));
  });
});

describe('tensorRange', () => {
  const values = normals(200_000, 1);
  values[0] = 40; // one outlier
  const h = new StreamingHistogram();
  for (let i = 0; i < values.length; i += 10_000) h.add(values.subarray(i, i + 10_000));

  it('given an outlier, when minmax, then the outlier sets the range', () => {
    expect(tensorRange(h, 'minmax').hi).toBe(40);
  });

  it('given an outlier, when percentile 99.99, then the range ends near the normal tail (≈3.7σ)', () => {
    const r = tensorRange(h, 'percentile', 99.99);
    expect(r.hi).toBeGreaterThan(3);
    expect(r.hi).toBeLessThan(5);
    expect(r.lo).toBeLessThan(-3);
  });

  it('given an outlier, when entropy, then the threshold clips it and keeps the bulk', () => {
    const r = tensorRange(h, 'entropy');
    expect(r.hi).toBeGreaterThan(2);
    expect(r.hi).toBeLessThan(20);
  });
});

describe('quantization parameters', () => {
  it('given a ReLU range, when asymmetric uint8, then zero point is 0 and 255 levels span [0, max]', () => {
    expect(quantParams(0, 6, 'uint8', false)).toEqual({ scale: Math.fround(6 / 255), zeroPoint: 0, type: 'uint8' });
  });

  it('given per-channel weights and an input scale, when quantized, then the bias scale is input × weight scale per channel', () => {
    const w = quantizeWeight(Float32Array.of(1, -2, 0.5, 0.25), [2, 2], 0);
    expect(Array.from(w.scales)).toEqual([Math.fround(2 / 127), Math.fround(0.5 / 127)]);
    expect(Array.from(w.values)).toEqual([64, -127, 127, 64]);
    const b = quantizeBias(Float32Array.of(0.1, -0.1), 0.02, w.scales);
    expect(b.scales[1]).toBeCloseTo(0.02 * (0.5 / 127), 9);
    // Dequantized bias is within half a step of the float bias.
    expect(Math.abs(b.values[0] * b.scales[0] - Math.fround(0.1))).toBeLessThanOrEqual(b.scales[0] / 2 + 1e-8);
  });
});
