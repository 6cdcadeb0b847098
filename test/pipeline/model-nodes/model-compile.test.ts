/**
 * Model nodes at compile time: the model's own input (read from the ONNX file) against the
 * preprocessing wired into it, and models the node cannot use.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelInfo } from '@/lib/pipeline/plan';
import { HAVE_SHARED_MODELS, readModelInfo, SHARED_MODELS } from './ort-adapter';
import { compileChain } from './run-model-node';

const demo = path.resolve(process.cwd(), 'models/demo/surface-anomaly.onnx');
const synthetic = (channels: 'gray' | 'rgb') => ({ kind: 'source.synthetic', params: { width: 320, height: 240, channels } });
const fake = (over: Partial<ModelInfo>): ModelInfo => ({
  path: '/m/fake.onnx',
  sha256: 'ab'.repeat(32),
  bytes: 1,
  opset: 17,
  inputs: [{ name: 'x', shape: ['n', 3, 64, 64], type: 'float32' }],
  outputs: [{ name: 'y', shape: ['n', 10], type: 'float32' }],
  ...over,
});

describe('model nodes at compile time', () => {
  const models: Record<string, ModelInfo> = {};
  beforeAll(async () => {
    models[demo] = await readModelInfo(demo);
  });

  it('given a resize to 64×64 in front of the 256×256 demo model, when compiled, then model.input-mismatch names the node and both shapes', () => {
    const { problems } = compileChain([{ kind: 'preprocess.resize', params: { width: 64, height: 64 } }], { kind: 'model.anomaly', params: { model: demo } }, models, synthetic('gray'));
    expect(problems).toEqual([expect.objectContaining({ code: 'model.input-mismatch', nodeId: 'model' })]);
    expect(problems[0].message).toContain('1×256×256');
    expect(problems[0].message).toContain('1×64×64');
    expect(problems[0].message).toContain('"model"');
  });

  it('given colour frames into the 1-channel demo model, when compiled, then the mismatch says to add grayscale; with grayscale it compiles and fuses', () => {
    const resize = { kind: 'preprocess.resize', params: { width: 256, height: 256 } };
    const bad = compileChain([resize], { kind: 'model.anomaly', params: { model: demo } }, models, synthetic('rgb'));
    expect(bad.problems[0]).toMatchObject({ code: 'model.input-mismatch', nodeId: 'model' });
    expect(bad.problems[0].message).toContain('add Grayscale');
    const good = compileChain([resize, { kind: 'preprocess.grayscale' }, { kind: 'preprocess.normalize' }], { kind: 'model.anomaly', params: { model: demo } }, models, synthetic('rgb'));
    expect(good.problems).toEqual([]);
    const stage = good.plan!.stages.find((s) => s.id === 'model')!;
    expect(stage.fused).toEqual(['pre0', 'pre1', 'pre2']);
    expect(stage.preprocess!.map((o) => o.op)).toEqual(['resize', 'grayscale', 'normalize']);
    expect(stage.model!.sha256).toBe(models[demo].sha256);
    expect(good.plan!.stages.map((s) => s.id)).toEqual(['src', 'model']);
  });

  it('given a folder source of unknown size, when compiled, then the check is left to each frame', () => {
    const { problems } = compileChain([], { kind: 'model.anomaly', params: { model: demo } }, models);
    expect(problems).toEqual([]);
  });

  it.skipIf(!HAVE_SHARED_MODELS)('given a 64×64 resize into MNIST (skipped without ../shared/models), when compiled, then the mismatch shows 28×28 from the ONNX file', async () => {
    const mnist = `${SHARED_MODELS}/mnist-8/mnist-8.onnx`;
    const info = { [mnist]: await readModelInfo(mnist) };
    const { problems } = compileChain([{ kind: 'preprocess.resize', params: { width: 64, height: 64 } }, { kind: 'preprocess.grayscale' }], { kind: 'model.classify', params: { model: mnist } }, info);
    expect(problems).toEqual([expect.objectContaining({ code: 'model.input-mismatch', nodeId: 'model' })]);
    expect(problems[0].message).toMatch(/1×28×28 \(from the ONNX file\).*1×64×64/);
  });

  it('given models with two inputs, an integer input or a non-image input, when compiled, then model.unsupported says why', () => {
    const cases: [Partial<ModelInfo>, string][] = [
      [{ inputs: [{ name: 'a', shape: [1, 3, 64, 64], type: 'float32' }, { name: 'b', shape: [1], type: 'float32' }] }, 'has 2 inputs (a, b)'],
      [{ inputs: [{ name: 'a', shape: [1, 3, 64, 64], type: 'int64' }] }, 'takes int64 input'],
      [{ inputs: [{ name: 'a', shape: [1, 4096], type: 'float32' }] }, 'an image input is [batch, channels, height, width]'],
      [{ inputs: [{ name: 'a', shape: [8, 3, 64, 64], type: 'float32' }] }, 'fixed batch of 8'],
    ];
    for (const [over, why] of cases) {
      const { problems } = compileChain([], { kind: 'model.classify', params: { model: 'fake.onnx' } }, { 'fake.onnx': fake(over) });
      expect(problems).toEqual([expect.objectContaining({ code: 'model.unsupported', nodeId: 'model' })]);
      expect(problems[0].message).toContain(why);
    }
  });

  it('given a missing model file, when compiled, then model.missing-file names the node', () => {
    const { problems } = compileChain([], { kind: 'model.detect', params: { model: 'nope.onnx' } }, {});
    expect(problems).toEqual([expect.objectContaining({ code: 'model.missing-file', nodeId: 'model' })]);
  });

  it('given labels that do not match the class count, when compiled, then node.bad-params points at labels', () => {
    const { problems } = compileChain([], { kind: 'model.classify', params: { model: 'fake.onnx', labels: ['a', 'b'] } }, { 'fake.onnx': fake({}) });
    expect(problems).toEqual([expect.objectContaining({ code: 'node.bad-params', nodeId: 'model', path: ['labels'] })]);
  });

  it('given a detector decoder that does not fit the outputs, when compiled, then model.unsupported shows the shapes it has', () => {
    const { problems } = compileChain([], { kind: 'model.detect', params: { model: 'fake.onnx', decoder: 'fastestdet' } }, { 'fake.onnx': fake({}) });
    expect(problems[0]).toMatchObject({ code: 'model.unsupported', nodeId: 'model' });
    expect(problems[0].message).toContain('y [n, 10]');
    const ssd = compileChain([], { kind: 'model.detect', params: { model: 'fake.onnx', decoder: 'ssd' } }, { 'fake.onnx': fake({}) });
    expect(ssd.problems[0].message).toContain('SSD needs boxes');
  });

  it('given an anomaly model with only a score, when compiled, then it is refused for lacking a map', () => {
    const { problems } = compileChain([], { kind: 'model.anomaly', params: { model: 'fake.onnx' } }, { 'fake.onnx': fake({ outputs: [{ name: 's', shape: ['n', 1], type: 'float32' }] }) });
    expect(problems[0]).toMatchObject({ code: 'model.unsupported', nodeId: 'model', path: ['mapOutput'] });
  });
});
