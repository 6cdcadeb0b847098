/**
 * A model's float image input turned into an 8-bit one, with the per-channel scale and shift that
 * preprocessing would have applied done by the model itself (Cast, then Mul and Add by [1, C, 1, 1]
 * constants, each left out where it would change nothing). The caller then sends one byte per
 * value instead of four floats: a quarter of the memory written, copied and handed between threads
 * per frame. Each value the model sees is round(round(u·scale) + bias) in float32: within 2⁻²² of
 * u·scale + bias relative to its larger term (an ulp or so; with no bias, within an ulp of the
 * float64 value rounded once, as the float pass writes it). The input keeps its name and shape.
 */
import { float32ToTensor } from './tensor-data';
import { forEachGraph } from './graph-walk';
import { graphOf, onnx, type ModelProto, type NodeProto } from './proto';

export interface ByteInputSpec {
  /** The model input that takes the image. */
  input: string;
  /** Per channel, in the model's channel order: value = byte · scale[c] + bias[c]. */
  scale: number[];
  bias: number[];
}

const DT = onnx.TensorProto.DataType;

/** Rewrites `model` in place and returns it, or says why this model cannot take bytes there. */
export function withByteInput(model: ModelProto, spec: ByteInputSpec): ModelProto | string {
  const graph = graphOf(model);
  const input = graph.input.find((i) => i.name === spec.input);
  if (!input) return `the model has no input "${spec.input}"`;
  if (graph.initializer.some((t) => t.name === spec.input)) return `input "${spec.input}" has a default value (an initializer), so it is not an image input`;
  if (graph.output.some((o) => o.name === spec.input)) return `input "${spec.input}" is also an output`;
  const tensor = input.type?.tensorType;
  if (!tensor || tensor.elemType !== DT.FLOAT) return `input "${spec.input}" is not a float32 tensor`;
  const dims = tensor.shape?.dim ?? [];
  const channels = dims.length === 4 && dims[1].dimValue != null ? Number(dims[1].dimValue) : undefined;
  if (channels === undefined || channels !== spec.scale.length || channels !== spec.bias.length) {
    return `input "${spec.input}" is not [N, ${spec.scale.length}, H, W] with the channel count fixed`;
  }
  const taken = namesIn(model);
  const fresh = (base: string) => {
    let name = `${spec.input}/loupe_bytes/${base}`;
    for (let i = 1; taken.has(name); i++) name = `${spec.input}/loupe_bytes/${base}_${i}`;
    taken.add(name);
    return name;
  };
  const float = fresh('float');
  forEachGraph(model, (g) => {
    for (const node of g.node ?? []) node.input = (node.input ?? []).map((name) => (name === spec.input ? float : name));
  });
  const steps = [
    { op: 'Mul', values: spec.scale, skip: spec.scale.every((s) => s === 1) },
    { op: 'Add', values: spec.bias, skip: spec.bias.every((b) => b === 0) },
  ].filter((s) => !s.skip);
  const nodes: NodeProto[] = [];
  let last = spec.input;
  const node = (opType: string, inputs: string[], output: string, attribute: object[] = []) => {
    nodes.push(onnx.NodeProto.create({ opType, name: fresh(opType.toLowerCase()), input: inputs, output: [output], attribute }) as NodeProto);
    last = output;
  };
  node('Cast', [last], steps.length ? fresh('cast') : float, [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: DT.FLOAT }]);
  steps.forEach((step, i) => {
    const constant = fresh(`${step.op.toLowerCase()}_by`);
    graph.initializer.push(float32ToTensor(constant, [1, channels, 1, 1], Float32Array.from(step.values)));
    node(step.op, [last, constant], i === steps.length - 1 ? float : fresh(step.op.toLowerCase()));
  });
  // Nodes must come in topological order: these feed everything that read the input.
  graph.node.unshift(...nodes);
  tensor.elemType = DT.UINT8;
  return model;
}

/** Every value and node name in the model, so new ones can avoid them. */
function namesIn(model: ModelProto): Set<string> {
  const names = new Set<string>();
  forEachGraph(model, (g) => {
    for (const v of [...(g.input ?? []), ...(g.output ?? []), ...(g.valueInfo ?? []), ...(g.initializer ?? [])]) if (v.name) names.add(v.name);
    for (const n of g.node ?? []) {
      if (n.name) names.add(n.name);
      for (const o of n.output ?? []) names.add(o);
    }
  });
  return names;
}
