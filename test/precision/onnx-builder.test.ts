import * as ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { OnnxGraphBuilder } from '@/lib/precision/onnx/builder';

const { onnx } = onnxProto;

/** y = relu(x · w + b) over a symbolic batch, plus a ReduceMax: the ops the demo model relies on. */
function tinyModel(): Uint8Array {
  const b = new OnnxGraphBuilder({ name: 'tiny' });
  const x = b.input('x', ['batch', 3]);
  const w = b.initializer('w', [3, 2], [1, 0, 0, 1, -1, 1]);
  const bias = b.initializer('b', [2], [0.5, -0.5]);
  const y = b.op('Relu', [b.op('Add', [b.op('MatMul', [x, w]), bias])], {}, 'y');
  b.op('ReduceMax', [y], { axes: [1], keepdims: 0 }, 'peak');
  b.op('LeakyRelu', [x], { alpha: { float: 0.25 } }, 'leaky');
  b.output('y', ['batch', 2]);
  b.output('peak', ['batch']);
  b.output('leaky', ['batch', 3]);
  return onnx.ModelProto.encode(b.build()).finish();
}

describe('OnnxGraphBuilder', () => {
  it('given a tiny graph, when run by ONNX Runtime on a batch of 2, then the outputs are right', async () => {
    const session = await ort.InferenceSession.create(tinyModel());
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from([1, 2, 3, -1, 0, 1]), [2, 3]) });
    // Row 1: [1-3+0.5, 2+3-0.5] = [-1.5, 4.5] → relu [0, 4.5]; row 2: [-1-1+0.5, 1-0.5] → [0, 0.5].
    expect(Array.from(out.y.data as Float32Array)).toEqual([0, 4.5, 0, 0.5]);
    expect(Array.from(out.peak.data as Float32Array)).toEqual([4.5, 0.5]);
    expect(Array.from(out.leaky.data as Float32Array)).toEqual([1, 2, 3, -0.25, 0, 1]);
    await session.release();
  });

  it('given the same calls, when encoded twice, then the bytes are identical', () => {
    expect(Buffer.from(tinyModel()).equals(Buffer.from(tinyModel()))).toBe(true);
  });

  it('given an encoded model, when decoded, then opset 17, IR 8 and the symbolic batch dim survive', () => {
    const model = onnx.ModelProto.decode(tinyModel());
    expect(Number(model.irVersion)).toBe(8);
    expect(Number(model.opsetImport[0]!.version)).toBe(17);
    const dims = model.graph!.input![0]!.type!.tensorType!.shape!.dim!;
    expect(dims[0].dimParam).toBe('batch');
    expect(Number(dims[1].dimValue)).toBe(3);
    expect(model.graph!.initializer![0]!.rawData!.length).toBe(6 * 4);
  });

  it('given a reused name or a wrong initializer size, when added, then the builder says which', () => {
    const b = new OnnxGraphBuilder({ name: 'bad' });
    b.input('x', [1]);
    expect(() => b.input('x', [1])).toThrow(/x/);
    expect(() => b.initializer('w', [2, 2], [1, 2, 3])).toThrow(/3 values/);
  });
});
