/**
 * A debug copy of a model with every intermediate float tensor also declared a graph output.
 * Two reasons: it tells which node first produced NaN/Inf, and it makes ONNX Runtime store every
 * float16 activation as float16 — on CPU, ORT computes float16 nodes in float32 and drops the
 * casts between them, which would hide an overflow a GPU would hit.
 */
import { inferElemTypes } from './elem-types';
import { loadModelForFp16 } from './load-model';
import { DT, FLOAT, FLOAT16, graphOf, onnx, type GraphProto } from './proto';

export interface Exposed {
  bytes: Uint8Array;
  /** The graph before its intermediates were exposed. */
  graph: GraphProto;
  /** Float tensors now readable, in node order, with the index of the node that produced each. */
  tensors: { name: string; node: number }[];
}

export function exposeIntermediates(bytes: Uint8Array): Exposed {
  const loaded = loadModelForFp16(bytes);
  if (!loaded.ok) throw new Error(loaded.problems[0].message);
  const graph = graphOf(loaded.model);
  const original = graphOf(onnx.ModelProto.decode(bytes));
  const types = inferElemTypes(graph);
  const outputs = new Set(graph.output.map((o) => o.name!));
  const tensors: Exposed['tensors'] = [];
  graph.node.forEach((node, k) => {
    for (const name of node.output) {
      const t = types.get(name);
      if (!name || (t !== FLOAT && t !== FLOAT16 && t !== DT.DOUBLE)) continue;
      tensors.push({ name, node: k });
      if (outputs.has(name)) continue;
      graph.output.push(onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: t } } }));
      outputs.add(name);
    }
  });
  return { bytes: onnx.ModelProto.encode(loaded.model).finish(), graph: original, tensors };
}
