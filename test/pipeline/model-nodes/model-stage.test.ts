/**
 * The model stage at run time with the project's own demo anomaly model (symbolic batch): real
 * ONNX Runtime, micro-batches, and frames that cannot be fed becoming that frame's error only.
 */
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StageRunner } from '@/lib/pipeline/node-kind';
import type { ModelInfo } from '@/lib/pipeline/plan';
import type { AnomalyMap, Frame } from '@/lib/pipeline/values';
import { framesToInput } from '@/lib/synthetic/demo-model/to-input';
import { generatePart } from '@/lib/synthetic/generate-part';
import { syntheticOptionsSchema } from '@/lib/synthetic/options';
import { readModelInfo } from './ort-adapter';
import { modelStage, runFrames } from './run-model-node';

const demo = path.resolve(process.cwd(), 'models/demo/surface-anomaly.onnx');
const parts = (n: number, channels: 'gray' | 'rgb') => {
  const options = syntheticOptionsSchema.parse({ surface: 'mixed', seed: 0x7e57, defectRate: 0.5, width: 256, height: 256, channels });
  return Array.from({ length: n }, (_, i) => generatePart(options, i).frame);
};

describe('model stage on the demo anomaly model', () => {
  const models: Record<string, ModelInfo> = {};
  let runner: StageRunner;
  let direct: ort.InferenceSession;

  beforeAll(async () => {
    models[demo] = await readModelInfo(demo);
    runner = await modelStage([{ kind: 'preprocess.grayscale' }, { kind: 'preprocess.normalize' }], { kind: 'model.anomaly', params: { model: demo } }, models, 4);
    direct = await ort.InferenceSession.create(demo, { logSeverityLevel: 3 });
  });
  afterAll(async () => {
    await runner?.close?.();
    await direct?.release();
  });

  it('given a symbolic batch dimension, when the stage is built, then it accepts the host batch size', () => {
    expect(runner.maxBatch).toBe(4);
  });

  it('given a batch of four colour parts, when run, then maps and scores equal running ORT directly on the same pixels', async () => {
    const frames = parts(4, 'rgb');
    const outcomes = await runFrames(runner, frames);
    const expected = await direct.run({ image: new ort.Tensor('float32', framesToInput(frames, 256), [4, 1, 256, 256]) });
    const scores = expected.score.data as Float32Array;
    const maps = expected.anomaly_map.data as Float32Array;
    outcomes.forEach((o, i) => {
      const a = (o as { anomaly: AnomalyMap }).anomaly;
      expect([a.width, a.height]).toEqual([64, 64]);
      expect(a.score).toBeCloseTo(scores[i], 4);
      expect(a.data[100]).toBeCloseTo(maps[i * 4096 + 100], 4);
    });
  });

  it('given a frame of the wrong size and a broken frame among good ones, when run, then only those two get errors', async () => {
    const [good1, good2] = parts(2, 'gray');
    const small: Frame = { width: 100, height: 100, channels: 1, data: new Uint8Array(10000) };
    const broken = { width: 256, height: 256, channels: 1, data: new Uint8Array(5) } as Frame;
    const outcomes = await runFrames(runner, [good1, small, broken, good2]);
    expect('anomaly' in outcomes[0]).toBe(true);
    expect(outcomes[1]).toEqual({ error: expect.objectContaining({ code: 'model.input-mismatch', message: expect.stringContaining('1×256×256') }) });
    expect(outcomes[2]).toEqual({ error: expect.objectContaining({ code: 'frame.stage-failed' }) });
    expect('anomaly' in outcomes[3]).toBe(true);
  });
});
