/**
 * FP32 / FP16 / INT8 throughput of the NEU steel-defect classifier (models/neu-classifier), same
 * threads and batch for all three, in one run so they share the machine's load. The INT8 variant
 * is made here by the project's own quantizer, calibrated on train-split images; the FP16 variant
 * by its FP16 converter. The goal is INT8 ≥ 2.5× FP32 images/s. Benchmarks only report, never assert.
 */
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { makeFp16Variant } from '@/lib/precision/fp16/make-variant';
import { InputSpec } from '@/lib/precision/input-spec';
import { everyNth, folderOf, neuDetSplit } from '@/lib/precision/neu-det-split';
import { quantizeStatic } from '@/lib/precision/quantize/quantize-static';
import { median } from './quantile';

export const INT8_SPEEDUP_GOAL = 2.5;

export interface PrecisionSpeedRow {
  variant: 'fp32' | 'fp16' | 'int8';
  bytes: number;
  threads: number;
  batch: number;
  perSec: number;
  /** Median over rounds of this variant's images/s over FP32's in the same round. */
  overFp32: number;
}

export interface PrecisionSpeedOptions {
  threads: number[];
  batches: number[];
  warmupMs: number;
  measureMs: number;
  rounds: number;
}

/** Rows, or a note saying why the bench was skipped. */
export async function benchPrecisionSpeed(root: string, o: PrecisionSpeedOptions, log: (m: string) => void): Promise<{ rows: PrecisionSpeedRow[]; note?: string }> {
  const modelPath = join(root, 'models', 'neu-classifier', 'neu-classifier.onnx');
  const dataset = join(root, '..', 'shared', 'datasets', 'neu-det');
  if (!existsSync(modelPath)) return { rows: [], note: `precision speed skipped: ${modelPath} is absent` };
  if (!existsSync(dataset)) return { rows: [], note: `precision speed skipped: ${dataset} is absent (INT8 calibration needs it)` };
  const fp32 = new Uint8Array(readFileSync(modelPath));
  const spec = InputSpec.parse(JSON.parse(readFileSync(join(root, 'models', 'neu-classifier', 'input-spec.json'), 'utf8')));
  log('precision speed: making FP16 and INT8 variants of neu-classifier …');
  const fp16 = await makeFp16Variant(fp32, { keepIoTypes: true });
  if (!fp16.ok) throw new Error(`FP16 variant failed: ${JSON.stringify(fp16.problems)}`);
  const calib = await folderOf(everyNth((await neuDetSplit(dataset)).train, 120).map((x) => x.file));
  const int8 = await quantizeStatic({ model: fp32, calibFolder: calib, spec, options: { perChannel: true } }).finally(() => rm(calib, { recursive: true, force: true }));
  if (!int8.ok) throw new Error(`INT8 variant failed: ${JSON.stringify(int8.problems)}`);
  const variants = { fp32, fp16: fp16.bytes, int8: int8.bytes } as const;
  const rows: PrecisionSpeedRow[] = [];
  for (const threads of o.threads) {
    for (const batch of o.batches) {
      const seen: Record<string, number[]> = { fp32: [], fp16: [], int8: [] };
      // Rounds interleave the variants so that load changes on the machine hit all of them alike.
      for (let r = 0; r < o.rounds; r++) {
        for (const [name, bytes] of Object.entries(variants)) seen[name].push(await imagesPerSecond(bytes, [batch, 1, spec.height, spec.width], threads, o));
      }
      for (const [name, bytes] of Object.entries(variants)) {
        const overFp32 = median(seen[name].map((v, r) => v / seen.fp32[r]));
        rows.push({ variant: name as PrecisionSpeedRow['variant'], bytes: bytes.byteLength, threads, batch, perSec: Math.round(median(seen[name]) * 10) / 10, overFp32: Math.round(overFp32 * 100) / 100 });
      }
      log(`  threads=${threads} batch=${batch}: ${rows.slice(-3).map((x) => `${x.variant} ${x.perSec}/s`).join(', ')}`);
    }
  }
  return { rows };
}

async function imagesPerSecond(model: Uint8Array, dims: number[], threads: number, o: PrecisionSpeedOptions): Promise<number> {
  const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = Math.random() * 2 - 1;
  const session = await ort.InferenceSession.create(model, { intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' });
  try {
    const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', data, dims) };
    const loop = async (ms: number) => {
      const start = performance.now();
      let runs = 0;
      while (performance.now() - start < ms || runs < 3) {
        await session.run(feeds);
        runs++;
      }
      return (runs * dims[0] * 1000) / (performance.now() - start);
    };
    await loop(o.warmupMs);
    return await loop(o.measureMs);
  } finally {
    await session.release();
  }
}

/** The table's rows: images/s per variant (medians) and INT8's speed-up over FP32 (median of each round's ratio). */
export function precisionSpeedTable(rows: PrecisionSpeedRow[]): string[][] {
  const out: string[][] = [];
  for (const fp32 of rows.filter((r) => r.variant === 'fp32')) {
    const same = (v: string) => rows.find((r) => r.variant === v && r.threads === fp32.threads && r.batch === fp32.batch)!;
    const speedup = same('int8').overFp32;
    out.push([String(fp32.threads), String(fp32.batch), fp32.perSec.toFixed(1), same('fp16').perSec.toFixed(1), same('int8').perSec.toFixed(1), `${speedup.toFixed(2)}×${speedup >= INT8_SPEEDUP_GOAL ? '' : ' *'}`]);
  }
  return out;
}

