/**
 * How the search scores a candidate on the held-out labelled set, behind a small interface so
 * the search itself is independent of datasets and sessions. The real one is the evaluation
 * module's loadDataset + measureQuality on onnxruntime-node; for anomaly sets the first model
 * measured (the FP32 reference) fixes the threshold, so every variant is judged at the same
 * threshold the line would run — not at one re-chosen to flatter it. Quality is always measured
 * on the CPU provider (the formats' numerics are what is judged); speed on the target's provider
 * when it is CUDA and loads here, else on the CPU with a note saying so.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrtEngine } from '@/lib/inference/ort-engine';
import { ProblemError } from '@/lib/pipeline/problems';
import type { ModelSession } from '@/lib/pipeline/runtime/services';
import { imageIntoTensor } from '../calibrate/image-tensor';
import { loadDataset } from '../evaluate/load-dataset';
import { measureQuality, type QualityOptions } from '../evaluate/measure-quality';
import { measureSpeed } from '../evaluate/measure-speed';
import type { EvalTask, VariantQuality } from '../evaluate/report-schema';
import { planesOf, type InputSpec } from '../input-spec';

export interface VariantSpeed {
  imagesPerSecond: number;
  latencyP50Ms: number;
}

export interface VariantEvaluator {
  task: EvalTask;
  items: number;
  notes: string[];
  quality(model: Uint8Array, onProgress?: (done: number, total: number) => void): Promise<VariantQuality>;
  speed(model: Uint8Array): Promise<VariantSpeed>;
  close(): Promise<void>;
}

export interface DatasetEvaluatorRequest {
  valFolder: string;
  spec: InputSpec;
  task?: EvalTask;
  quality?: Omit<QualityOptions, 'onProgress'>;
  /** Provider the speed is measured on. */
  speedProvider?: 'cpu' | 'cuda';
  intraOpThreads?: number;
  speed?: { minRuns?: number; minMs?: number };
}

export async function createDatasetEvaluator(req: DatasetEvaluatorRequest): Promise<VariantEvaluator> {
  const dataset = await loadDataset(req.valFolder, req.task);
  const engine = createOrtEngine({ executionProvider: 'cpu', intraOpThreads: req.intraOpThreads });
  let speedEngine = req.speedProvider === 'cuda' ? createOrtEngine({ executionProvider: 'cuda', intraOpThreads: req.intraOpThreads }) : engine;
  const dir = await mkdtemp(join(tmpdir(), 'loupe-search-'));
  let quality: QualityOptions = { ...req.quality };
  let count = 0;
  const notes: string[] = [];
  const withSession = async <T>(model: Uint8Array, use: (s: ModelSession) => Promise<T>, on = engine): Promise<T> => {
    const path = join(dir, `candidate-${count++}.onnx`);
    await writeFile(path, model);
    let session: ModelSession;
    try {
      session = await on.load(path);
    } catch (err) {
      if (on === engine || !(err instanceof ProblemError) || err.problems[0]?.code !== 'run.bad-options') throw err;
      notes.push(`speed measured on the CPU: ${err.problems[0].message}`);
      speedEngine = engine;
      session = await engine.load(path);
    }
    try {
      return await use(session);
    } finally {
      await session.release();
      await rm(path, { force: true });
    }
  };
  return {
    task: dataset.task,
    items: dataset.items.length,
    notes,
    quality: (model, onProgress) =>
      withSession(model, async (s) => {
        const r = await measureQuality(s, dataset, req.spec, { ...quality, onProgress });
        if (dataset.task === 'anomaly' && quality.threshold === undefined && r.quality.threshold !== undefined) {
          quality = { ...quality, threshold: r.quality.threshold };
          notes.push(...r.notes, `every variant is scored at the FP32 model's threshold ${r.quality.threshold}`);
        }
        return r.quality;
      }),
    speed: (model) =>
      withSession(model, async (s) => {
        const sample = new Float32Array(planesOf(req.spec) * req.spec.width * req.spec.height);
        await imageIntoTensor(dataset.items[0].path, req.spec, sample, 0);
        const r = await measureSpeed(s, sample, [planesOf(req.spec), req.spec.height, req.spec.width], { batchSize: 1, dynamicBatch: false, minRuns: 30, minMs: 1000, ...req.speed });
        return { imagesPerSecond: r.throughput.batch1, latencyP50Ms: r.latencyMs.p50 };
      }, speedEngine),
    close: () => rm(dir, { recursive: true, force: true }),
  };
}
