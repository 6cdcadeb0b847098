/**
 * A model stage hands each run's outputs back to its session once every item is decoded
 * (ModelSession.recycle), and the session fills that memory with a later run's values. So no model
 * node may return port values that still refer to the outputs' arrays. Here the session overwrites
 * every handed-back output with NaN at once, the worst a reuse can do, and each node's values must
 * stay those of a session that never recycles.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrtEngine } from '@/lib/inference/ort-engine';
import type { StageOutcome, StageRunner } from '@/lib/pipeline/node-kind';
import type { ModelInfo } from '@/lib/pipeline/plan';
import type { InferenceEngine, ModelSession } from '@/lib/pipeline/runtime/services';
import type { Frame } from '@/lib/pipeline/values';
import { generatePart } from '@/lib/synthetic/generate-part';
import { syntheticOptionsSchema } from '@/lib/synthetic/options';
import { HAVE_SHARED_MODELS, readModelInfo, SHARED_MODELS } from './ort-adapter';
import { type ChainNode, modelStage, runFrames } from './run-model-node';

/** The real in-thread engine, its sessions made to spoil every output they are handed back. */
function spoilingEngine(recycled: { count: number }): InferenceEngine {
  const engine = createOrtEngine({ intraOpThreads: 1 });
  return {
    async load(file, options) {
      const session = await engine.load(file, options);
      const spoiling: ModelSession = {
        ...session,
        run: (feeds, hints) => session.run(feeds, hints),
        recycle(outputs) {
          recycled.count++;
          for (const tensor of Object.values(outputs)) tensor.data.fill(Number.NaN);
        },
        release: () => session.release(),
      };
      return spoiling;
    },
  };
}

const parts = (n: number, channels: 'gray' | 'rgb', size: number): Frame[] => {
  const options = syntheticOptionsSchema.parse({ surface: 'mixed', seed: 0x5eed, defectRate: 0.5, width: size, height: size, channels });
  return Array.from({ length: n }, (_, i) => generatePart(options, i).frame);
};

describe('model nodes whose outputs are reused by the session', () => {
  const runners: StageRunner[] = [];
  const models: Record<string, ModelInfo> = {};
  const demo = path.resolve(process.cwd(), 'models/demo/surface-anomaly.onnx');
  const neu = path.resolve(process.cwd(), 'models/neu-classifier/neu-classifier.onnx');

  beforeAll(async () => {
    for (const file of [demo, neu]) models[file] = await readModelInfo(file);
    if (HAVE_SHARED_MODELS) models[fastestdet] = await readModelInfo(fastestdet);
  });
  afterAll(async () => {
    for (const r of runners) await r.close?.();
  });

  /** Eight frames through a stage on each engine, in batches as large as the stage takes: the outcomes, and how many runs were handed back. */
  async function bothWays(chain: ChainNode[], node: ChainNode, frames: Frame[]): Promise<{ spoiled: StageOutcome[]; kept: StageOutcome[]; runs: number; recycled: number }> {
    const recycled = { count: 0 };
    const spoiling = await modelStage(chain, node, models, 4, spoilingEngine(recycled));
    const keeping = await modelStage(chain, node, models, 4, createOrtEngine({ intraOpThreads: 1 }));
    runners.push(spoiling, keeping);
    const inBatches = async (runner: StageRunner) => {
      const outcomes: StageOutcome[] = [];
      for (let i = 0; i < frames.length; i += runner.maxBatch) outcomes.push(...(await runFrames(runner, frames.slice(i, i + runner.maxBatch))));
      return outcomes;
    };
    const spoiled = await inBatches(spoiling);
    return { spoiled, kept: await inBatches(keeping), runs: Math.ceil(frames.length / spoiling.maxBatch), recycled: recycled.count };
  }

  it('given the anomaly node on the demo model, when its outputs are spoiled after decoding, then every map and score is intact', async () => {
    const { spoiled, kept, runs, recycled } = await bothWays([{ kind: 'preprocess.normalize' }], { kind: 'model.anomaly', params: { model: demo } }, parts(8, 'gray', 256));
    expect([runs, recycled]).toEqual([2, 2]);
    expect(spoiled).toEqual(kept);
    const maps = spoiled.map((o) => (o as { anomaly: { data: Float32Array; score: number } }).anomaly);
    expect(maps.every((m) => m.data.length === 64 * 64 && !m.data.some(Number.isNaN) && Number.isFinite(m.score))).toBe(true);
  });

  it('given the classify node on the NEU classifier, when its outputs are spoiled after decoding, then every class and score is intact', async () => {
    const chain = [{ kind: 'preprocess.resize', params: { width: 200, height: 200 } }, { kind: 'preprocess.normalize', params: { scale: 1 / 255, mean: [0.5], std: [0.25] } }];
    const { spoiled, kept, runs, recycled } = await bothWays(chain, { kind: 'model.classify', params: { model: neu } }, parts(8, 'gray', 256));
    expect([runs, recycled]).toEqual([2, 2]);
    expect(spoiled).toEqual(kept);
    const scores = spoiled.flatMap((o) => (o as { classes: { scores: number[] } }).classes.scores);
    expect(scores).toHaveLength(8 * 6);
    expect(scores.some(Number.isNaN)).toBe(false);
  });

  const fastestdet = `${SHARED_MODELS}/fastestdet/FastestDet.onnx`;
  it.skipIf(!HAVE_SHARED_MODELS)(`given the detect node on FastestDet, when its outputs are spoiled after decoding, then every detection is intact${HAVE_SHARED_MODELS ? '' : ' (skipped: ../shared/models is absent)'}`, async () => {
    const chain = [{ kind: 'preprocess.normalize', params: { scale: 1 / 255, order: 'bgr' } }];
    const { spoiled, kept, runs, recycled } = await bothWays(chain, { kind: 'model.detect', params: { model: fastestdet, decoder: 'fastestdet', scoreThreshold: 0.3 } }, parts(8, 'rgb', 352));
    expect([runs, recycled]).toEqual([8, 8]);
    expect(spoiled).toEqual(kept);
    const boxes = spoiled.flatMap((o) => (o as { detections: { box: number[]; score: number }[] }).detections);
    expect(boxes.length).toBeGreaterThan(0);
    expect(boxes.every((d) => d.box.every(Number.isFinite) && Number.isFinite(d.score))).toBe(true);
  });
});
