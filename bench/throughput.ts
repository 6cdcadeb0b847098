/**
 * Pipeline throughput next to raw ONNX Runtime throughput on the same model, threads and batch:
 * raw = session.run in a loop on one input tensor made beforehand; pipeline = runPlan over the
 * compiled plan, frames counted as they leave the last stage. Both warm up first and are then
 * measured over the same wall-clock window.
 */
import * as ort from 'onnxruntime-node';
import type { NodeKind } from '@/lib/pipeline/node-kind';
import type { Plan, StagePlan } from '@/lib/pipeline/plan';
import { getNodeKind } from '@/lib/pipeline/registry';
import { runPlan } from '@/lib/pipeline/runtime/run-plan';
import type { RunSummary } from '@/lib/pipeline/runtime/run-types';
import { createConsoleLog } from '@/lib/runtime-node/console-log';
import { createNodeServices } from '@/lib/runtime-node/node-services';
import { CountingSink } from '@/lib/worker/counting-sink';

export interface Window {
  warmupMs: number;
  measureMs: number;
}

export function modelStageOf(plan: Plan): StagePlan & { model: NonNullable<StagePlan['model']> } {
  const stage = plan.stages.find((s) => s.model);
  if (!stage?.model) throw new Error('the bench plan has no model stage');
  return stage as StagePlan & { model: NonNullable<StagePlan['model']> };
}

/** The batch the model really takes: a fixed batch dimension wins over the asked-for one. */
export function effectiveBatch(plan: Plan, batch: number): number {
  const first = modelStageOf(plan).model.info.inputs[0]?.shape[0];
  return typeof first === 'number' && first > 0 ? first : batch;
}

/** Images per second of session.run on a random input of the model's shape. */
export async function measureRaw(plan: Plan, options: Window & { threads: number; batch: number }): Promise<number> {
  const { model } = modelStageOf(plan);
  const input = model.info.inputs[0];
  const batch = effectiveBatch(plan, options.batch);
  const dims = input.shape.map((d, i) => (i === 0 ? batch : typeof d === 'number' && d > 0 ? d : 1));
  const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = Math.random();
  const session = await ort.InferenceSession.create(model.path, {
    intraOpNumThreads: options.threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  try {
    const feeds = { [input.name]: new ort.Tensor('float32', data, dims) };
    const loop = async (ms: number) => {
      const start = performance.now();
      let runs = 0;
      while (performance.now() - start < ms) {
        await session.run(feeds);
        runs++;
      }
      return (runs * batch * 1000) / (performance.now() - start);
    };
    await loop(options.warmupMs);
    return await loop(options.measureMs);
  } finally {
    await session.release();
  }
}

export interface PipelineMeasure {
  perSec: number;
  summary: RunSummary;
}

/** Frames per second through the whole plan, counted after the warm-up window. */
export async function measurePipeline(
  plan: Plan,
  options: Window & { threads: number; batch: number; kinds?: (kind: string) => NodeKind | undefined },
): Promise<PipelineMeasure> {
  const services = createNodeServices({ results: new CountingSink(), log: createConsoleLog({ level: 'warn' }) });
  const handle = runPlan(plan, services, { maxBatch: options.batch, intraOpThreads: options.threads, backpressure: 'block' }, options.kinds ?? getNodeKind);
  let frames = 0;
  let mark: { frames: number; at: number } | undefined;
  let startedAt: number | undefined;
  handle.onOutcome(() => {
    frames++;
    const now = performance.now();
    startedAt ??= now;
    if (!mark && now - startedAt >= options.warmupMs) mark = { frames, at: now };
  });
  // Session creation is not throughput: the clock starts at the first finished frame.
  const deadline = new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      if (mark && performance.now() - mark.at >= options.measureMs) {
        clearInterval(tick);
        resolve();
      }
    }, 20);
    void handle.done.finally(() => {
      clearInterval(tick);
      resolve();
    });
  });
  await deadline;
  const end = { frames, at: performance.now() };
  const summary = await handle.stop();
  if (!mark) throw new Error(`the pipeline ended during warm-up (${frames} frames)`);
  return { perSec: ((end.frames - mark.frames) * 1000) / (end.at - mark.at), summary };
}
