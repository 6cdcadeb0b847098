/**
 * Evaluates a set of variants of one model on one labelled dataset and writes nothing: quality
 * (streamed over the images), agreement with the first variant (the FP32 reference), speed, file
 * size and hash, and peak memory measured in a child process. Every model is vetted (ONNX, one
 * image input the spec fills) before any is run, so a bad third variant fails in a second, not
 * after the first two have been measured.
 */
import { dirname, relative } from 'node:path';
import { z } from 'zod';
import { createOrtEngine } from '@/lib/inference/ort-engine';
import type { ModelInfo } from '@/lib/pipeline/plan';
import { ProblemError } from '@/lib/pipeline/problems';
import { imageIntoTensor } from '../calibrate/image-tensor';
import { planesOf, type InputSpec } from '../input-spec';
import { modelInfoOf, readModel, readModelBytes } from '../onnx';
import { localCpuTarget } from '../targets/detect-cpu';
import { precisionWarnings } from '../targets/precision-warnings';
import { TARGET_PROFILES, TargetId } from '../targets/profiles';
import { checkModelInput, type ImageInputShape } from './check-model-input';
import { detectPrecision } from './detect-precision';
import { loadDataset } from './load-dataset';
import { measurePeakMemory } from './peak-memory';
import { measureQuality, QualityOptions } from './measure-quality';
import { measureSpeed } from './measure-speed';
import { EvalReport, EvalTask, evalReportPath, type VariantPrecision, type VariantReport } from './report-schema';

export const EvalOptions = z
  .object({
    task: EvalTask.optional(),
    target: TargetId.optional(),
    batchSize: z.number().int().positive().max(1024).default(8),
    quality: QualityOptions.prefault({}),
    speed: z.object({ minRuns: z.number().int().positive().default(30), minMs: z.number().nonnegative().default(1000) }).strict().prefault({}),
    measureMemory: z.boolean().default(true),
    intraOpThreads: z.number().int().positive().optional(),
  })
  .strict();
export type EvalOptions = z.input<typeof EvalOptions>;

export interface EvalProgress {
  variant: number;
  variants: number;
  model: string;
  phase: 'quality' | 'speed' | 'memory';
  done: number;
  total: number;
}

interface Vetted {
  path: string;
  info: ModelInfo;
  input: ImageInputShape & { type: 'float32' | 'float16' };
  precision: VariantPrecision;
}

export async function evaluateVariants(args: { models: string[]; valFolder: string; spec: InputSpec; options?: EvalOptions; onProgress?: (p: EvalProgress) => void }): Promise<EvalReport> {
  const o = EvalOptions.parse(args.options ?? {});
  const target = o.target ?? localCpuTarget();
  const vetted = await vetAll(args.models, args.spec);
  const dataset = await loadDataset(args.valFolder, o.task);
  const provider = TARGET_PROFILES[target].provider === 'cuda' || TARGET_PROFILES[target].provider === 'tensorrt' ? 'cuda' : 'cpu';
  const engine = createOrtEngine({ executionProvider: provider, intraOpThreads: o.intraOpThreads });
  const planes = planesOf(args.spec);
  const sample = new Float32Array(planes * args.spec.width * args.spec.height);
  const reportDir = dirname(evalReportPath(args.models[0]));
  const notes = measurementNotes(target, provider, o.measureMemory);
  if (vetted[0].precision !== 'fp32') notes.unshift(`the first variant (${vetted[0].path}) is ${vetted[0].precision}, not FP32: agreement is measured against it all the same`);
  const variants: VariantReport[] = [];
  let reference: (number | string)[] | undefined;
  for (const [k, v] of vetted.entries()) {
    const progress = (phase: EvalProgress['phase'], done: number, total: number) =>
      args.onProgress?.({ variant: k + 1, variants: vetted.length, model: v.path, phase, done, total });
    const session = await engine.load(v.path);
    try {
      const q = await measureQuality(session, dataset, args.spec, { ...o.quality, onProgress: (d, t) => progress('quality', d, t) });
      reference ??= q.decisions;
      // The speed sample is the first dataset image, already proven readable by the quality pass.
      if (k === 0) await imageIntoTensor(dataset.items[0].path, args.spec, sample, 0);
      progress('speed', 0, 1);
      const speed = await measureSpeed(session, sample, [planes, args.spec.height, args.spec.width], { batchSize: o.batchSize, dynamicBatch: v.input.dynamicBatch, ...o.speed });
      notes.push(...q.notes.map((n) => `${v.path}: ${n}`));
      variants.push({
        path: relative(reportDir, v.path) || v.path,
        precision: v.precision,
        sha256: v.info.sha256,
        bytes: v.info.bytes,
        quality: q.quality,
        agreement: agreement(reference, q.decisions),
        latencyMs: speed.latencyMs,
        throughput: speed.throughput,
        peakMemoryMb: 0,
        warnings: [...precisionWarnings(target, v.precision), ...speed.warnings],
      });
    } finally {
      await session.release();
    }
    if (o.measureMemory) {
      progress('memory', 0, 1);
      const mem = await measurePeakMemory({ modelPath: v.path, inputName: v.input.name, inputType: v.input.type, dims: [1, planes, args.spec.height, args.spec.width], provider, threads: o.intraOpThreads });
      variants[k].peakMemoryMb = round(mem.peakMemoryMb);
    }
  }
  return EvalReport.parse({ version: 1, task: dataset.task, dataset: args.valFolder, items: dataset.items.length, target, createdAt: new Date().toISOString(), variants, notes });
}

async function vetAll(models: string[], spec: InputSpec): Promise<Vetted[]> {
  const problems = [];
  const out: Vetted[] = [];
  for (const path of models) {
    try {
      const bytes = await readModelBytes(path);
      const model = readModel(bytes, `Model file "${path}"`);
      const info = modelInfoOf(model, bytes, path);
      const input = checkModelInput(info, spec, path);
      if (Array.isArray(input)) problems.push(...input);
      else out.push({ path, info, input: { ...input, type: info.inputs[0].type as 'float32' | 'float16' }, precision: detectPrecision(model, path) });
    } catch (err) {
      if (err instanceof ProblemError) problems.push(...err.problems);
      else throw err;
    }
  }
  if (problems.length) throw new ProblemError(problems);
  return out;
}

function agreement(reference: (number | string)[], decisions: (number | string)[]): number {
  let same = 0;
  decisions.forEach((d, i) => (same += d === reference[i] ? 1 : 0));
  return decisions.length ? same / decisions.length : 1;
}

function measurementNotes(target: TargetId, provider: 'cpu' | 'cuda', memory: boolean): string[] {
  const notes: string[] = ['the first variant is the FP32 reference for agreement'];
  const local = localCpuTarget();
  if (provider === 'cpu' && (target === 'cpu' || target === 'cpu-vnni') && target !== local) {
    notes.push(`speed measured on this machine's CPU (${local}), not on a ${target} CPU`);
  }
  if (target === 'webgpu' || target === 'wasm') notes.push(`speed and memory measured with ONNX Runtime's CPU provider in Node; ${target} runs in a browser, measure there for real numbers`);
  if (target === 'tensorrt') notes.push('speed measured with the CUDA provider; a TensorRT engine is built differently and is usually faster');
  notes.push('latency: single-image runs after 3 warm-up runs, nearest-rank percentiles; throughput at batch N feeds one tensor of N copies of the first image');
  if (memory) notes.push("peak memory: growth of the resident-set high-water mark (getrusage maxRSS) of a child Node process, from after ONNX Runtime's start-up (a one-node session) to after creating the model's session and 5 runs at batch 1");
  return notes;
}

const round = (v: number) => Math.round(v * 100) / 100;
