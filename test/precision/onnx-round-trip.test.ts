import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findNodes } from '@/lib/precision/onnx/find-nodes';
import { graphOf, onnx } from '@/lib/precision/onnx/proto';
import { readModel } from '@/lib/precision/onnx/read-model';
import { float32ToTensor, tensorToFloat32 } from '@/lib/precision/onnx/tensor-data';
import { writeModel } from '@/lib/precision/onnx/write-model';
import { HAVE_SHARED, MODELS, concat, field, tinyModelBytes } from './onnx-fixtures';

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe.skipIf(!HAVE_SHARED)(`ONNX round trip on the real models${!HAVE_SHARED ? ' (skipped: ../shared/models is absent)' : ''}`, () => {
  it.each(Object.entries(MODELS))('given %s, when read and written back, then the bytes are identical', (_, file) => {
    const bytes = new Uint8Array(readFileSync(file));
    expect(same(writeModel(readModel(bytes)), bytes)).toBe(true);
  });

  it('given MNIST with one initializer replaced, when written and read back, then the edit is there and the rest is intact', () => {
    const model = readModel(new Uint8Array(readFileSync(MODELS.mnist)));
    const init = graphOf(model).initializer;
    const victim = init[0];
    const dims = victim.dims.map(Number);
    const doubled = tensorToFloat32(victim).map((v) => v * 2);
    init[0] = float32ToTensor(victim.name!, dims, doubled);
    const back = readModel(writeModel(model));
    expect(Array.from(tensorToFloat32(graphOf(back).initializer[0]))).toEqual(Array.from(doubled));
    const plain = (m: typeof model) => onnx.ModelProto.toObject(m, { longs: String, bytes: Array });
    const [before, after] = [plain(model), plain(back)];
    expect(after.graph.node).toEqual(before.graph.node);
    expect(after.graph.initializer.slice(1)).toEqual(before.graph.initializer.slice(1));
    expect(after.opsetImport).toEqual(before.opsetImport);
  });

  it('given MNIST, when its initializers are read as float32, then each has as many finite values as its dims say', () => {
    const model = readModel(new Uint8Array(readFileSync(MODELS.mnist)));
    for (const t of graphOf(model).initializer) {
      const values = tensorToFloat32(t);
      expect(values.length).toBe(t.dims.reduce((n: number, d) => n * Number(d), 1));
      expect(values.every(Number.isFinite)).toBe(true);
    }
  });

  it('given the real models, when searching by op type, then the known ops are found', () => {
    const mnist = readModel(new Uint8Array(readFileSync(MODELS.mnist)));
    expect(findNodes(mnist, 'Conv')).toHaveLength(2);
    expect(findNodes(mnist, 'Conv', 'MaxPool').map((n) => n.opType)).toEqual(['Conv', 'MaxPool', 'Conv', 'MaxPool']);
    const det = readModel(new Uint8Array(readFileSync(MODELS.fastestdet)));
    expect(findNodes(det, 'Conv').length).toBeGreaterThan(20);
    expect(findNodes(det, 'NoSuchOp')).toEqual([]);
  });
});

describe('ONNX round trip on written-by-code models', () => {
  it('given a model whose dims onnx-proto wrote packed, when read and written back, then the bytes are identical', () => {
    const bytes = tinyModelBytes();
    expect(same(writeModel(readModel(bytes)), bytes)).toBe(true);
  });

  it('given a model built in memory, when written, then ints and dims are unpacked as onnx.proto (proto2) writes them', () => {
    const model = readModel(tinyModelBytes());
    graphOf(model).initializer.push(float32ToTensor('extra', [2, 1], Float32Array.from([1, 2])));
    const fresh = onnx.ModelProto.decode(writeModel(model));
    const tensor = graphOf(fresh).initializer.at(-1)!;
    expect(tensor.dims.map(Number)).toEqual([2, 1]);
    // An unpacked dims field writes tag 0x08 per element: [2, 1] → 08 02 08 01.
    const encoded = writeModel(onnx.ModelProto.create({ irVersion: 8, graph: { initializer: [tensor] } }));
    expect(Buffer.from(encoded).includes(Buffer.from([0x08, 0x02, 0x08, 0x01]))).toBe(true);
  });

  it('given a model with fields from a newer ONNX and out of canonical order, when read and written back, then the bytes are identical', () => {
    const model = onnx.ModelProto.decode(tinyModelBytes());
    const graph = graphOf(model);
    const [first, ...rest] = graph.node;
    // A NodeProto carrying field 8 (`overload`, ONNX 1.16) that onnx-proto's ONNX 1.10 does not know.
    const nodeBytes = concat(onnx.NodeProto.encode(first).finish(), field(8, 'overload-x'));
    const graphBytes = concat(field(1, nodeBytes), onnx.GraphProto.encode({ ...graph, node: rest }).finish());
    // The graph after the opset and a top-level unknown field 26: neither is the C++ writer's order.
    const head = onnx.ModelProto.encode({ ...model, graph: null }).finish();
    const bytes = concat(head, field(26, 'config'), field(7, graphBytes));
    expect(same(writeModel(readModel(bytes)), bytes)).toBe(true);
  });
});

describe('tensor data helpers', () => {
  it('given float32 values, when made a tensor and read back, then they are the same and stored as little-endian raw_data', () => {
    const values = Float32Array.from([0, -1.5, 3.25, 1e-8, -65504]);
    const t = float32ToTensor('w', [5], values);
    expect(t.dataType).toBe(onnx.TensorProto.DataType.FLOAT);
    expect(Array.from(t.rawData!.subarray(4, 8))).toEqual([0x00, 0x00, 0xc0, 0xbf]);
    expect(Array.from(tensorToFloat32(t))).toEqual(Array.from(values));
  });

  it('given float16, int64 and float_data tensors, when read as float32, then the values convert', () => {
    const half = onnx.TensorProto.create({ dims: [3], dataType: onnx.TensorProto.DataType.FLOAT16, rawData: Uint8Array.from([0x00, 0x3c, 0x00, 0xc0, 0x00, 0x7c]) });
    expect(Array.from(tensorToFloat32(half))).toEqual([1, -2, Infinity]);
    const longs = onnx.TensorProto.create({ dims: [2], dataType: onnx.TensorProto.DataType.INT64, int64Data: [7, -3] });
    expect(Array.from(tensorToFloat32(longs))).toEqual([7, -3]);
    const floats = onnx.TensorProto.create({ dims: [2], dataType: onnx.TensorProto.DataType.FLOAT, floatData: [0.5, 2] });
    expect(Array.from(tensorToFloat32(floats))).toEqual([0.5, 2]);
  });

  it('given values that do not fill the dims, when made a tensor, then it says so', () => {
    expect(() => float32ToTensor('w', [2, 2], Float32Array.from([1, 2, 3]))).toThrow(/3 values for dims \[2, 2\]/);
  });
});
