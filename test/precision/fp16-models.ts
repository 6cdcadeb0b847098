/** Small models built by code for the FP16 tests (real ONNX files, run by real ONNX Runtime). */
import onnxProto from 'onnx-proto';
import { OnnxGraphBuilder } from '@/lib/precision/onnx/builder';

const { onnx } = onnxProto;
const T = onnx.TensorProto.DataType;
const encode = (m: InstanceType<typeof onnx.ModelProto>) => onnx.ModelProto.encode(m).finish();

/**
 * (relu(x) + 1)·1e5, then / 1e5: fine in FP32, but the Mul's output (node Mul_2) passes float16's
 * 65504 for any x > 0 — even with the weight 1e5 clamped to 65504.
 */
export function overflowModel(): Uint8Array {
  const b = new OnnxGraphBuilder({ name: 'overflow' });
  const x = b.input('x', [1, 4]);
  const shifted = b.op('Add', [b.op('Relu', [x]), b.initializer('one', [1], [1])]);
  const big = b.op('Mul', [shifted, b.initializer('k', [1], [1e5])]);
  b.op('Div', [big, b.initializer('k2', [1], [1e5])], {}, 'out');
  b.output('out', [1, 4]);
  return encode(b.build());
}

/**
 * A conv net whose file is almost all weights (like a trained classifier), with a Resize (blocked
 * by default), a Constant, a Shape→Reshape int64 path and a Cast to float in it.
 */
export function convNet(channels = 64): Uint8Array {
  const b = new OnnxGraphBuilder({ name: 'convnet' });
  const x = b.input('x', [1, 3, 16, 16]);
  const rand = (n: number, scale: number) => Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * scale);
  const w1 = b.initializer('w1', [channels, 3, 3, 3], rand(channels * 27, 0.2));
  const c1 = b.op('Relu', [b.op('Conv', [x, w1], { pads: [1, 1, 1, 1] })]);
  const w2 = b.initializer('w2', [channels, channels, 3, 3], rand(channels * channels * 9, 0.05));
  const c2 = b.op('Relu', [b.op('Conv', [c1, w2], { pads: [1, 1, 1, 1] })]);
  const scales = b.initializer('scales', [4], [1, 1, 0.5, 0.5]);
  const down = b.op('Resize', [c2, '', scales], { mode: 'linear' });
  const shape = b.op('Shape', [down]);
  const flat = b.op('Reshape', [down, b.initializer('flat', [2], [1, -1], 'int64')]);
  const pooled = b.op('ReduceMax', [flat], { axes: [1], keepdims: 1 });
  const rank = b.op('Cast', [b.op('Size', [shape])], { to: 1 });
  b.node('Constant', [], { value_float: { float: 0.5 } }, ['half_const']);
  b.op('Add', [b.op('Mul', [pooled, 'half_const']), rank], {}, 'score');
  b.output('score', [1, 1]);
  return encode(b.build());
}

const tensorType = (elemType: number, dims: number[]) => ({ tensorType: { elemType, shape: { dim: dims.map((d) => ({ dimValue: d })) } } });

/** y = If(c, relu(x)·2, −relu(x)): both branches read relu(x) from the outer graph by name. */
export function ifModel(opset = 17): Uint8Array {
  const branch = (name: string, nodes: object[], initializer: object[] = []) =>
    onnx.GraphProto.create({ name, node: nodes, initializer, output: [{ name: `${name}_y`, type: tensorType(T.FLOAT, [1, 4]) }] });
  const two = onnx.TensorProto.create({ name: 'two', dims: [1], dataType: T.FLOAT, floatData: [2] });
  const thenG = branch('then', [{ opType: 'Mul', input: ['r', 'two'], output: ['then_y'], name: 'then_mul' }], [two]);
  const elseG = branch('else', [{ opType: 'Neg', input: ['r'], output: ['else_y'], name: 'else_neg' }]);
  const G = onnx.AttributeProto.AttributeType.GRAPH;
  const graph = onnx.GraphProto.create({
    name: 'if',
    input: [
      { name: 'x', type: tensorType(T.FLOAT, [1, 4]) },
      { name: 'c', type: tensorType(T.BOOL, []) },
    ],
    node: [
      { opType: 'Relu', input: ['x'], output: ['r'], name: 'relu' },
      { opType: 'If', input: ['c'], output: ['y'], name: 'if', attribute: [{ name: 'then_branch', type: G, g: thenG }, { name: 'else_branch', type: G, g: elseG }] },
      { opType: 'Sigmoid', input: ['y'], output: ['z'], name: 'sig' },
    ],
    output: [{ name: 'z', type: tensorType(T.FLOAT, [1, 4]) }],
  });
  return onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 8, opsetImport: [{ domain: '', version: opset }], graph })).finish();
}
