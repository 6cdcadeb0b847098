/**
 * Pipeline throughput next to raw ONNX Runtime throughput on the same model, threads and batch:
 * raw = session.run in a loop on the same frames, preprocessed beforehand, on the JS thread (in
 * throughput mode, that many one-thread sessions, each on a thread of its own); pipeline =
 * runPlan over the compiled plan on the Node hosts' own services (sessions off the JS thread),
 * frames counted as they leave the last stage. Both warm up first.
 */
import * as ort from 'onnxruntime-node';
import type { NodeKind } from '@/lib/pipeline/node-kind';
import type { Plan, StagePlan } from '@/lib/pipeline/plan';
import { createFusedKernel } from '@/lib/pipeline/preprocess/fused-kernel';
import { getNodeKind } from '@/lib/pipeline/registry';
import { runPlan } from '@/lib/pipeline/runtime/run-plan';
import type { RunSummary } from '@/lib/pipeline/runtime/run-types';
import type { Frame } from '@/lib/pipeline/values';
import { createConsoleLog } from '@/lib/runtime-node/console-log';
import { createNodeServices } from '@/lib/runtime-node/node-services';
import { CountingSink } from '@/lib/worker/counting-sink';
import { startCpuLoad } from './cpu-load';
import { mainThreadCpuMs } from './main-thread-cpu';
import type { ReplayGate } from './replay-source';
import { median } from './quantile';
import { openRawStreams, type RawRunner } from './raw-streams';
import { settleHeap } from './settle-heap';

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

/**
 * The replayed frames as raw's inputs: preprocessed beforehand by the model stage's own kernel,
 * batch by batch, cycling through the frames. Distinct inputs, not one tensor run again and again:
 * a tensor that never changes stays in ONNX Runtime's core's cache (2 MB L2 here), which no stream
 * of images gives it; with one tensor, raw FastestDet ran 2 % faster than on these.
 */
function rawInputs(plan: Plan, frames: readonly Frame[], batch: number): { dims: number[]; batches: Float32Array[] } {
  const { preprocess } = modelStageOf(plan);
  const kernel = createFusedKernel(preprocess ?? []);
  const shape = kernel.plan(frames[0]);
  if ('error' in shape) throw new Error(`the bench frames cannot be preprocessed: ${shape.error}`);
  const dims = [batch, shape.channels, shape.height, shape.width];
  const size = shape.channels * shape.height * shape.width;
  const batches = Array.from({ length: Math.ceil(frames.length / batch) }, (_, b) => {
    const data = new Float32Array(batch * size);
    for (let i = 0; i < batch; i++) {
      const written = kernel.writeTensor(frames[(b * batch + i) % frames.length], data, i * size);
      if ('error' in written) throw new Error(`a bench frame cannot be preprocessed: ${written.error}`);
    }
    return data;
  });
  return { dims, batches };
}

/**
 * Raw ONNX Runtime on the model of the plan, fed the frames preprocessed beforehand: one session
 * on the JS thread with every thread, or, like a pipeline with --streams, that many one-thread
 * sessions side by side.
 */
async function openRaw(plan: Plan, frames: readonly Frame[], options: { threads: number; batch: number; streams: number }): Promise<RawRunner> {
  const { model } = modelStageOf(plan);
  const batch = effectiveBatch(plan, options.batch);
  const inputs = rawInputs(plan, frames, batch);
  if (options.streams > 1) return openRawStreams({ model: model.path, inputName: model.info.inputs[0].name, ...inputs }, options.streams);
  const session = await ort.InferenceSession.create(model.path, {
    intraOpNumThreads: options.threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const feeds = inputs.batches.map((data) => ({ [model.info.inputs[0].name]: new ort.Tensor('float32', data, inputs.dims) }));
  return {
    /** Images per second of session.run in a loop for `ms`. */
    async rate(ms: number): Promise<number> {
      const start = performance.now();
      let runs = 0;
      while (performance.now() - start < ms) {
        await session.run(feeds[runs % feeds.length]);
        runs++;
      }
      return (runs * batch * 1000) / (performance.now() - start);
    },
    release: () => session.release(),
  };
}

export interface SideBySide {
  /** Medians over the slices, images/s. */
  raw: number;
  replay: number;
  /** Median of each slice pair's replay/raw. */
  ratio: number;
  /** Each slice pair's replay/raw, in the order measured: the spread says how noisy the machine was. */
  pairRatios: number[];
  /** CPU time of the JS thread per replayed frame (preprocessing, decoding, the runtime itself); undefined off Linux. */
  jsMsPerFrame?: number;
  /**
   * Raw ORT beside a thread that burns jsMsPerFrame every replayed frame's time, over raw ORT alone
   * (median of slice pairs): the most a pipeline doing that much JS work can reach on these cores.
   */
  jsLoadBound?: number;
  summary: RunSummary;
}

/**
 * Raw ONNX Runtime and the replay pipeline, both warm and alive, measured in alternating slices
 * (raw, pipeline, pipeline, raw …) so that load from elsewhere on the machine hits both alike.
 * The pipeline is paused through its gate while raw runs, and raw only starts once the pipeline
 * is idle. A pipeline slice is timed from its first finished frame after the gate opens: its
 * steady rate, as on a line that runs on, without the refill after each pause.
 */
export async function measureSideBySide(
  plan: Plan,
  replay: { plan: Plan; kinds: (kind: string) => NodeKind | undefined; gate: ReplayGate; frames: readonly Frame[] },
  options: Window & { threads: number; batch: number; streams: number; sliceMs?: number },
): Promise<SideBySide> {
  settleHeap();
  const raw = await openRaw(plan, replay.frames, options);
  const services = createNodeServices({ results: new CountingSink(), log: createConsoleLog({ level: 'warn' }) });
  const handle = runPlan(replay.plan, services, { maxBatch: options.batch, intraOpThreads: options.threads, streams: options.streams, backpressure: 'block' }, replay.kinds);
  let completed = 0;
  let lastAt = 0;
  // The gate may have served an earlier measurement: count only what it lets through for this run.
  const passedBefore = replay.gate.passed;
  const waiters = new Set<() => void>();
  handle.onOutcome(() => {
    completed++;
    lastAt = performance.now();
    for (const wake of [...waiters]) wake();
  });
  const until = (ready: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (ready()) {
          waiters.delete(check);
          resolve();
        }
      };
      waiters.add(check);
      handle.done.then(() => reject(new Error('the bench pipeline ended early')), reject);
      check();
    });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const js = { ms: 0, frames: 0 };
  const pipelineSlice = async (ms: number) => {
    const opened = completed;
    const cpuBefore = mainThreadCpuMs();
    replay.gate.open();
    await until(() => completed > opened);
    const start = { frames: completed, at: lastAt };
    await sleep(ms);
    const rate = steadyRate(start, { frames: completed, at: lastAt });
    replay.gate.close();
    await until(() => completed >= replay.gate.passed - passedBefore);
    const cpuAfter = mainThreadCpuMs();
    if (cpuBefore !== undefined && cpuAfter !== undefined) {
      js.ms += cpuAfter - cpuBefore;
      js.frames += completed - opened;
    }
    return rate;
  };
  try {
    await raw.rate(options.warmupMs);
    await pipelineSlice(options.warmupMs);
    Object.assign(js, { ms: 0, frames: 0 });
    const sliceMs = options.sliceMs ?? 500;
    const slices = Math.max(2, Math.round(options.measureMs / sliceMs));
    const pairs: { raw: number; replay: number }[] = [];
    for (let i = 0; i < slices; i++) {
      if (i % 2 === 0) pairs.push({ raw: await raw.rate(sliceMs), replay: await pipelineSlice(sliceMs) });
      else pairs.push({ replay: await pipelineSlice(sliceMs), raw: await raw.rate(sliceMs) });
    }
    const replayRate = median(pairs.map((p) => p.replay));
    const jsMsPerFrame = js.frames > 0 ? js.ms / js.frames : undefined;
    return {
      raw: median(pairs.map((p) => p.raw)),
      replay: replayRate,
      ratio: median(pairs.map((p) => p.replay / p.raw)),
      pairRatios: pairs.map((p) => p.replay / p.raw),
      jsMsPerFrame,
      jsLoadBound: jsMsPerFrame === undefined || replayRate <= 0 ? undefined : await boundUnderJsLoad(raw, { busyMs: jsMsPerFrame, periodMs: 1000 / replayRate }, sliceMs),
      summary: handle.summary(),
    };
  } finally {
    replay.gate.open();
    await handle.stop();
    await raw.release();
  }
}

/**
 * Raw ORT with and without a thread as busy as the pipeline's JS thread was, in alternating slices
 * (the pipeline is paused meanwhile): the median of loaded/unloaded over the pairs.
 */
async function boundUnderJsLoad(raw: RawRunner, load: { busyMs: number; periodMs: number }, sliceMs: number): Promise<number> {
  const ratios: number[] = [];
  for (let i = 0; i < 2; i++) {
    const alone = await raw.rate(sliceMs);
    const cpu = await startCpuLoad(load);
    try {
      ratios.push((await raw.rate(sliceMs)) / alone);
    } finally {
      await cpu.stop();
    }
  }
  return median(ratios);
}

/**
 * Frames per second between two finished frames. Frames finish in bursts (a batch at a time), so
 * the window runs from one burst to another, as raw's runs are counted whole: a window ending at
 * an arbitrary deadline would count the time since the last burst and none of its frames.
 */
function steadyRate(start: { frames: number; at: number }, end: { frames: number; at: number }): number {
  return end.at > start.at ? ((end.frames - start.frames) * 1000) / (end.at - start.at) : 0;
}

export interface PipelineMeasure {
  perSec: number;
  summary: RunSummary;
}

/** Frames per second through the whole plan, counted after the warm-up window. */
export async function measurePipeline(
  plan: Plan,
  options: Window & { threads: number; batch: number; streams: number; kinds?: (kind: string) => NodeKind | undefined },
): Promise<PipelineMeasure> {
  settleHeap();
  const services = createNodeServices({ results: new CountingSink(), log: createConsoleLog({ level: 'warn' }) });
  const handle = runPlan(plan, services, { maxBatch: options.batch, intraOpThreads: options.threads, streams: options.streams, backpressure: 'block' }, options.kinds ?? getNodeKind);
  let frames = 0;
  let lastAt = 0;
  let mark: { frames: number; at: number } | undefined;
  let marking = false;
  let startedAt: number | undefined;
  handle.onOutcome(() => {
    frames++;
    const now = performance.now();
    lastAt = now;
    startedAt ??= now;
    if (!marking && now - startedAt >= options.warmupMs) {
      marking = true;
      // After the rest of this burst: the window starts on a burst boundary, like its end.
      queueMicrotask(() => (mark = { frames, at: lastAt }));
    }
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
  const end = { frames, at: lastAt };
  const summary = await handle.stop();
  if (!mark) throw new Error(`the pipeline ended during warm-up (${frames} frames)`);
  return { perSec: steadyRate(mark, end), summary };
}
