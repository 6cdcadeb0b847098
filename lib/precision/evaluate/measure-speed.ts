/**
 * Speed of one loaded variant on one real input: latency percentiles over single-image runs
 * (after warm-up, which pays ORT's lazy allocations), throughput at batch 1 (images per second
 * from those runs) and at batch N (one tensor of N copies). Runs repeat until both a minimum
 * count and a minimum time are reached, so small models get enough samples for a p99.
 */
import { performance } from 'node:perf_hooks';
import type { ModelSession } from '@/lib/pipeline/runtime/services';

export interface SpeedOptions {
  batchSize: number;
  /** False when the model fixes its batch at 1: batch N is then reported as batch 1, with a warning. */
  dynamicBatch: boolean;
  warmup?: number;
  minRuns?: number;
  maxRuns?: number;
  minMs?: number;
}

export interface SpeedResult {
  latencyMs: { p50: number; p99: number };
  throughput: { batch1: number; batchN: number; batchSize: number };
  runs: number;
  warnings: string[];
}

/** `sample` is one image's planes; `dims` its shape without the batch dimension. */
export async function measureSpeed(session: ModelSession, sample: Float32Array, dims: number[], o: SpeedOptions): Promise<SpeedResult> {
  const name = session.inputNames[0];
  const feed = (n: number, data: Float32Array) => ({ [name]: { dims: [n, ...dims], data } });
  const one = feed(1, sample);
  const times = await timeRuns(() => session.run(one), o);
  const sorted = [...times].sort((a, b) => a - b);
  const total = times.reduce((a, b) => a + b, 0);
  const batch1 = total > 0 ? (1000 * times.length) / total : 0;
  const warnings: string[] = [];
  let batchN = batch1;
  let batchSize = o.batchSize;
  if (o.batchSize > 1 && !o.dynamicBatch) {
    warnings.push(`the model fixes its batch dimension at 1: throughput at batch ${o.batchSize} cannot be measured, batch 1 is reported instead`);
    batchSize = 1;
  } else if (o.batchSize > 1) {
    const data = new Float32Array(sample.length * o.batchSize);
    for (let i = 0; i < o.batchSize; i++) data.set(sample, i * sample.length);
    const many = feed(o.batchSize, data);
    const nTimes = await timeRuns(() => session.run(many), { ...o, minRuns: Math.max(3, Math.ceil((o.minRuns ?? 30) / o.batchSize)) });
    const nTotal = nTimes.reduce((a, b) => a + b, 0);
    batchN = nTotal > 0 ? (1000 * o.batchSize * nTimes.length) / nTotal : 0;
  } else {
    batchSize = 1;
  }
  return { latencyMs: { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) }, throughput: { batch1, batchN, batchSize }, runs: times.length, warnings };
}

async function timeRuns(run: () => Promise<unknown>, o: SpeedOptions): Promise<number[]> {
  for (let i = 0; i < (o.warmup ?? 3); i++) await run();
  const [minRuns, maxRuns, minMs] = [o.minRuns ?? 30, o.maxRuns ?? 2000, o.minMs ?? 1000];
  const times: number[] = [];
  const start = performance.now();
  while (times.length < maxRuns && (times.length < minRuns || performance.now() - start < minMs)) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return times;
}

/** Nearest-rank percentile of sorted values (p99 of 30 runs is the slowest one — honest, not interpolated). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}
