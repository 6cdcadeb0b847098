/**
 * QuantizeLinear and the integer kernels ORT fuses into (QLinearConv, …) exist from opset 10, so
 * an older model is moved to opset 10 first. Among the ops an opset ≤ 9 model can hold, only
 * Slice and TopK changed incompatibly on the way (attributes became inputs); they are rewritten.
 * Upsample was deprecated at 10 with no in-place equivalent, so it is refused. A model made only
 * of ops whose meaning did not change up to opset 13 goes straight to 13: per-channel
 * DequantizeLinear (`axis`) and uint8 MaxPool are standard there.
 */
import { problem, type Problem } from '@/lib/pipeline/problems';
import { graphOf, onnx, type AttributeProto, type ModelProto, type NodeProto } from './proto';

export const QDQ_MIN_OPSET = 10;
export const QDQ_BEST_OPSET = 13;

/** Ops whose schemas up to opset 13 only added types or attributes with the old behaviour as default. */
const SAME_UP_TO_13 = new Set(
  ('Conv ConvTranspose Relu LeakyRelu PRelu Elu Selu Sigmoid HardSigmoid Tanh Softplus Add Sub Mul Div Pow Sqrt Exp Log Abs Neg Floor Ceil ' +
    'Max Min Sum Mean MatMul Gemm MaxPool AveragePool GlobalAveragePool GlobalMaxPool LRN BatchNormalization InstanceNormalization ' +
    'Reshape Transpose Flatten Concat Identity Shape Gather Cast Constant Expand Where Equal Greater Less Not And Or Erf').split(' '),
);

/** The opset to quantize at: 13 when nothing in the graph changes meaning on the way, else at least 10. */
export function targetOpset(model: ModelProto, opset: number): number {
  if (opset >= QDQ_BEST_OPSET) return opset;
  const safe = graphOf(model).node.every((n) => (n.domain && n.domain !== 'ai.onnx') || SAME_UP_TO_13.has(n.opType!));
  return safe ? QDQ_BEST_OPSET : Math.max(opset, QDQ_MIN_OPSET);
}

export function setOpset(model: ModelProto, version: number): void {
  const entry = model.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx')!;
  entry.version = version;
  // IR 7 goes with opset 13, IR 5 with opset 10.
  const ir = version >= 13 ? 7 : 5;
  if (Number(model.irVersion) < ir) model.irVersion = ir;
}

export function upgradeToOpset10(model: ModelProto, where: string): Problem | undefined {
  const graph = graphOf(model);
  const blocked = graph.node.find((n) => !n.domain && n.opType === 'Upsample');
  if (blocked) return problem('model.unsupported', `${where} uses opset < 10 with Upsample (node ${blocked.name || blocked.output[0]}); re-export it at opset ≥ 11 to quantize it`);
  let fresh = 0;
  const int64 = (values: bigint[]): string => {
    const name = `opset10_const_${fresh++}`;
    graph.initializer.push(onnx.TensorProto.create({ name, dims: [values.length], dataType: onnx.TensorProto.DataType.INT64, rawData: new Uint8Array(BigInt64Array.from(values).buffer) }));
    return name;
  };
  for (const node of graph.node) {
    if (node.domain) continue;
    if (node.opType === 'Slice' && node.input.length === 1) {
      const starts = ints(node, 'starts');
      const ends = ints(node, 'ends');
      const axes = ints(node, 'axes') ?? starts?.map((_, i) => BigInt(i));
      if (!starts || !ends || !axes) return problem('model.unsupported', `${where}: Slice node ${node.name || node.output[0]} has no starts/ends`);
      node.input = [node.input[0], int64(starts), int64(ends), int64(axes)];
      dropAttrs(node, ['starts', 'ends', 'axes']);
    }
    if (node.opType === 'TopK' && node.input.length === 1) {
      const k = node.attribute.find((a) => a.name === 'k');
      node.input = [node.input[0], int64([BigInt(String(k?.i ?? 1))])];
      dropAttrs(node, ['k']);
    }
  }
  setOpset(model, QDQ_MIN_OPSET);
  return undefined;
}

/** INT64 attribute values exactly (Slice ends are often INT64_MAX, beyond a double's precision). */
function ints(node: NodeProto, name: string): bigint[] | undefined {
  const a: AttributeProto | undefined = node.attribute.find((x) => x.name === name);
  return a ? (a.ints ?? []).map((v) => BigInt(String(v))) : undefined;
}

function dropAttrs(node: NodeProto, names: string[]): void {
  node.attribute = node.attribute.filter((a) => !names.includes(a.name!));
}
