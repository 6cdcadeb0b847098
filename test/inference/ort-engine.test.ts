import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createOrtEngine } from '@/lib/inference/ort-engine';
import { ProblemError, type Problem } from '@/lib/pipeline/problems';
import { OnnxGraphBuilder } from '@/lib/precision/onnx/builder';
import { graphOf, onnx } from '@/lib/precision/onnx/proto';
import { writeModel } from '@/lib/precision/onnx/write-model';
import { HAVE_SHARED, MODELS, SHARED_MODELS, seededBytes, tinyModelBytes } from '../precision/onnx-fixtures';

const engine = createOrtEngine({ intraOpThreads: 1 });
const dir = mkdtempSync(path.join(tmpdir(), 'loupe-ort-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array): string {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

async function loadProblem(p: string, options?: Parameters<typeof engine.load>[1]): Promise<Problem> {
  const err = await engine.load(p, options).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ProblemError);
  return (err as ProblemError).problems[0];
}

describe.skipIf(!HAVE_SHARED)(`ORT engine on the real models${!HAVE_SHARED ? ' (skipped: ../shared/models is absent)' : ''}`, () => {
  it('given a drawn "1", when MNIST runs, then it returns 10 logits and the largest is for 1', async () => {
    const session = await engine.load(MODELS.mnist);
    const digit = new Float32Array(28 * 28);
    for (let y = 5; y < 23; y++) for (let x = 13; x < 16; x++) digit[y * 28 + x] = 1;
    const out = await session.run({ Input3: { dims: [1, 1, 28, 28], data: digit } });
    const logits = Array.from(out.get('Plus214_Output_0')!.data);
    expect(session.inputNames).toEqual(['Input3']);
    expect(out.get('Plus214_Output_0')!.dims).toEqual([1, 10]);
    expect(logits.indexOf(Math.max(...logits))).toBe(1);
    await session.release();
  });

  it('given the FastestDet sample image as BGR/255 at 352x352, when run, then an object is found with high objectness', async () => {
    const session = await engine.load(MODELS.fastestdet);
    const size = 352;
    const { data } = await sharp(path.join(SHARED_MODELS, 'fastestdet/sample.jpg')).resize(size, size, { fit: 'fill' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const input = new Float32Array(3 * size * size);
    for (let i = 0; i < size * size; i++) for (let c = 0; c < 3; c++) input[c * size * size + i] = data[i * 3 + (2 - c)] / 255;
    const out = (await session.run({ 'input.1': { dims: [1, 3, size, size], data: input } })).get(session.outputNames[0])!;
    expect(out.dims).toEqual([1, 85, 22, 22]);
    const objectness = out.data.subarray(0, 22 * 22);
    expect(Math.max(...objectness)).toBeGreaterThan(0.5);
    await session.release();
  });
});

describe('ORT engine on models written by code', () => {
  it('given a tiny model with a symbolic batch, when run on a batch of 2, then the outputs are right', async () => {
    const session = await engine.load(file('tiny.onnx', tinyModelBytes()));
    const out = await session.run({ x: { dims: [2, 3], data: Float32Array.from([1, 2, 3, -1, 0, 1]) } });
    expect(out.get('y')!).toEqual({ dims: [2, 2], data: Float32Array.from([0, 4.5, 0, 0.5]) });
    expect(Array.from(out.get('peak')!.data)).toEqual([4.5, 0.5]);
    await session.release();
  });

  it('given a model with int64 and float16 outputs, when run, then both arrive as Float32Array', async () => {
    const b = new OnnxGraphBuilder({ name: 'types' });
    const x = b.input('x', [1, 4]);
    b.op('ArgMax', [x], { axis: 1, keepdims: 0 }, 'best');
    b.op('Cast', [x], { to: onnx.TensorProto.DataType.FLOAT16 }, 'half');
    b.output('best', [1], 'int64');
    b.output('half', [1, 4]);
    const model = b.build();
    graphOf(model).output[1].type!.tensorType!.elemType = onnx.TensorProto.DataType.FLOAT16;
    const session = await engine.load(file('types.onnx', writeModel(model)));
    const out = await session.run({ x: { dims: [1, 4], data: Float32Array.from([0.5, 3, -2, 1.25]) } });
    expect(out.get('best')!).toEqual({ dims: [1], data: Float32Array.from([1]) });
    expect(out.get('half')!).toEqual({ dims: [1, 4], data: Float32Array.from([0.5, 3, -2, 1.25]) });
    await session.release();
  });

  it('given a model with float16 and int64 inputs, when fed Float32Array data, then the engine converts the inputs', async () => {
    const b = new OnnxGraphBuilder({ name: 'inputs' });
    b.op('Cast', [b.input('h', [3])], { to: onnx.TensorProto.DataType.FLOAT }, 'hf');
    b.op('Cast', [b.input('n', [2], 'int64')], { to: onnx.TensorProto.DataType.FLOAT }, 'nf');
    b.output('hf', [3]);
    b.output('nf', [2]);
    const model = b.build();
    graphOf(model).input[0].type!.tensorType!.elemType = onnx.TensorProto.DataType.FLOAT16;
    const session = await engine.load(file('inputs.onnx', writeModel(model)));
    const out = await session.run({ h: { dims: [3], data: Float32Array.from([1.5, -0.25, 1000]) }, n: { dims: [2], data: Float32Array.from([7, -3]) } });
    expect(Array.from(out.get('hf')!.data)).toEqual([1.5, -0.25, 1000]);
    expect(Array.from(out.get('nf')!.data)).toEqual([7, -3]);
    await session.release();
  });
});

describe('ORT engine on bad model files', () => {
  it('given a zero-byte file, when loaded, then model.not-onnx says it is empty', async () => {
    const p = await loadProblem(file('empty.onnx', new Uint8Array(0)));
    expect(p.code).toBe('model.not-onnx');
    expect(p.message).toMatch(/empty\.onnx.*empty \(0 bytes\)/);
  });

  it('given a PNG renamed .onnx, when loaded, then model.not-onnx says it looks like a PNG image', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).png().toBuffer();
    const p = await loadProblem(file('image.onnx', new Uint8Array(png)));
    expect(p).toMatchObject({ code: 'model.not-onnx', message: expect.stringMatching(/looks like a PNG image/) });
  });

  it('given random bytes, when loaded, then model.not-onnx', async () => {
    expect((await loadProblem(file('random.onnx', seededBytes(7, 4096)))).code).toBe('model.not-onnx');
  });

  it('given a truncated model, when loaded, then model.not-onnx says it may be truncated', async () => {
    const bytes = tinyModelBytes();
    const p = await loadProblem(file('cut.onnx', bytes.subarray(0, bytes.length - 10)));
    expect(p).toMatchObject({ code: 'model.not-onnx', message: expect.stringMatching(/truncated/) });
  });

  it('given a path that does not exist, when loaded, then model.missing-file names the path', async () => {
    const missing = path.join(dir, 'nope.onnx');
    expect(await loadProblem(missing)).toEqual({ code: 'model.missing-file', message: `Model file "${missing}" does not exist` });
  });

  it('given an ONNX model with an op ORT does not know, when loaded, then model.unsupported carries ORT\'s reason', async () => {
    const b = new OnnxGraphBuilder({ name: 'odd' });
    b.op('NoSuchOperator', [b.input('x', [1])], {}, 'y');
    b.output('y', [1]);
    const p = await loadProblem(file('odd.onnx', writeModel(b.build())));
    expect(p).toMatchObject({ code: 'model.unsupported', message: expect.stringMatching(/NoSuchOperator/) });
  });
});

const cudaLib = path.resolve('node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so');
describe.skipIf(existsSync(cudaLib))(`ORT engine asked for CUDA without its provider${existsSync(cudaLib) ? ' (skipped: the CUDA provider is installed)' : ''}`, () => {
  it('given executionProvider cuda, when loading, then run.bad-options explains the CUDA provider is unavailable', async () => {
    const p = await loadProblem(file('tiny-cuda.onnx', tinyModelBytes()), { executionProvider: 'cuda' });
    expect(p).toMatchObject({ code: 'run.bad-options', message: expect.stringMatching(/CUDA execution provider is unavailable.*use executionProvider "cpu"/) });
  });
});

describe('ORT engine options', () => {
  it('given a browser-only execution provider, when loading in Node, then run.bad-options', async () => {
    const p = await loadProblem(file('tiny-wasm.onnx', tinyModelBytes()), { executionProvider: 'wasm' });
    expect(p.code).toBe('run.bad-options');
  });
});
