/**
 * What rewriting a model's float image input to take 8-bit pixels needs first, whichever layout
 * the pixels come in (byte-input: planes, NCHW; pixel-input: as a camera writes them, NHWC): the
 * input checked to be a plain float32 [N, C, H, W] graph input, and a source of node and value
 * names no part of the model uses yet.
 */
import { forEachGraph } from './graph-walk';
import { graphOf, onnx, type ModelProto, type ValueInfoProto } from './proto';

const DT = onnx.TensorProto.DataType;

export interface ImageInputSlot {
  value: ValueInfoProto;
  /** [N, C, H, W]: a size, or undefined where the dimension is symbolic. */
  dims: (number | undefined)[];
  channels: number;
  /** A name under `<input>/loupe_bytes/` that nothing in the model has, claimed on return. */
  fresh(base: string): string;
}

/** The input called `name`, with C fixed at `channels`, or why it is not such an input. */
export function imageInputSlot(model: ModelProto, name: string, channels: number): ImageInputSlot | string {
  const graph = graphOf(model);
  const value = graph.input.find((i) => i.name === name);
  if (!value) return `the model has no input "${name}"`;
  if (graph.initializer.some((t) => t.name === name)) return `input "${name}" has a default value (an initializer), so it is not an image input`;
  if (graph.output.some((o) => o.name === name)) return `input "${name}" is also an output`;
  const tensor = value.type?.tensorType;
  if (!tensor || tensor.elemType !== DT.FLOAT) return `input "${name}" is not a float32 tensor`;
  const dims = (tensor.shape?.dim ?? []).map((d) => (d.dimValue != null && !d.dimParam ? Number(d.dimValue) : undefined));
  if (dims.length !== 4 || dims[1] !== channels) return `input "${name}" is not [N, ${channels}, H, W] with the channel count fixed`;
  const taken = namesIn(model);
  const fresh = (base: string) => {
    let candidate = `${name}/loupe_bytes/${base}`;
    for (let i = 1; taken.has(candidate); i++) candidate = `${name}/loupe_bytes/${base}_${i}`;
    taken.add(candidate);
    return candidate;
  };
  return { value, dims, channels, fresh };
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
