/**
 * One model from a per-node precision assignment: INT8 nodes get Q/DQ with the calibrated ranges,
 * FP16 nodes are converted with every other node on the FP16 block list (Casts at the borders),
 * the rest stays FP32. Nodes the search does not decide (ReLU, pooling, reshapes) follow the
 * node that produces their input, so an INT8 or FP16 chain is not broken by a float island.
 */
import { problem, ProblemError } from '@/lib/pipeline/problems';
import { convertToFp16 } from '../fp16/convert';
import { insertQdq } from '../quantize/insert-qdq';
import { planQuantization } from '../quantize/plan';
import { graphOf, onnx, type NodeProto } from '../quantize/proto';
import { nodeId, type CalibratedModel } from './calibrated-model';
import type { NodePrecision } from './precision-ladder';

/** Unit id → precision; a unit that is absent stays FP32. */
export type Assignment = ReadonlyMap<string, NodePrecision>;

export function buildVariant(cm: CalibratedModel, assignment: Assignment): Uint8Array {
  const model = onnx.ModelProto.decode(onnx.ModelProto.encode(cm.model).finish());
  const graph = graphOf(model);
  const effective = effectivePrecisions(graph.node, new Set(cm.units.map((u) => u.id)), assignment);
  const notInt8 = graph.node.filter((n) => cm.quantizable.has(nodeId(n)) && effective.get(n) !== 'int8').map(nodeId);
  const fp16 = new Set(graph.node.filter((n) => effective.get(n) === 'fp16'));
  if (notInt8.length < cm.quantizable.size) {
    const plan = planQuantization(graph, { ...cm.options, excludeNodes: [...cm.options.excludeNodes, ...notInt8] }, cm.nonFloat);
    insertQdq(model, plan, { opset: cm.opset, perChannel: cm.options.perChannel, symmetricActivations: cm.options.symmetricActivations, activationType: cm.options.activationType, weightType: cm.options.weightType, params: cm.params });
  }
  model.producerName = 'loupe-mixed';
  if (fp16.size === 0) return onnx.ModelProto.encode(model).finish();
  // Q/DQ nodes are new and unnamed: block every node by its first output, the FP16 ones excepted.
  const blockNodes = graphOf(model).node.filter((n) => !fp16.has(n)).map((n) => n.output[0]);
  const converted = convertToFp16(model, { keepIoTypes: true, blockNodes });
  if (!converted.ok) throw new ProblemError([problem('model.unsupported', `FP16 conversion of the mixed variant failed: ${converted.problems.map((p) => p.message).join('; ')}`)]);
  return converted.bytes;
}

/** Each node's precision: units as assigned, the others as the nearest unit upstream (FP32 if none). */
function effectivePrecisions(nodes: NodeProto[], units: Set<string>, assignment: Assignment): Map<NodeProto, NodePrecision> {
  const out = new Map<NodeProto, NodePrecision>();
  const byOutput = new Map<string, NodePrecision>();
  // Graph order is topological, so a producer is settled before its consumers.
  for (const node of nodes) {
    const id = nodeId(node);
    const p: NodePrecision = units.has(id) ? (assignment.get(id) ?? 'fp32') : (node.input.map((i) => byOutput.get(i)).find((x) => x !== undefined) ?? 'fp32');
    out.set(node, p);
    for (const o of node.output) byOutput.set(o, p);
  }
  return out;
}
