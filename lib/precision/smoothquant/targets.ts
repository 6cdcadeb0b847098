/**
 * Where SmoothQuant applies: Conv (group 1), Gemm (transA 0) and MatMul (2-D weight) nodes with
 * a constant float weight of their own, grouped by the activation they read, since one smoothing scale per
 * channel must serve every reader of that activation. Each target knows the axis of its input
 * channels in the activation and in the weight.
 */
import { DT, intAttr, type GraphProto, type NodeProto, type TensorProto } from '../quantize/proto';
import { dimsOf } from '../quantize/tensor-data';

export interface SmoothTarget {
  node: NodeProto;
  weight: TensorProto;
  /** Axis of the input channels in the weight. */
  weightAxis: number;
}

export interface SmoothGroup {
  /** The activation every target reads as its first input. */
  tensor: string;
  /** Channel axis in the activation: 1 for Conv/Gemm (NC…), −1 (last) for MatMul. */
  axis: number;
  /** The same counted from the last axis: rank − 2 for Conv, 0 for Gemm and MatMul. */
  fromRight: number;
  targets: SmoothTarget[];
}

export function findSmoothTargets(graph: GraphProto, opTypes: string[]): SmoothGroup[] {
  const inits = new Map(graph.initializer.map((t) => [t.name!, t]));
  const groups = new Map<string, SmoothGroup>();
  const uses = new Map<string, number>();
  for (const node of graph.node) for (const i of node.input) uses.set(i, (uses.get(i) ?? 0) + 1);
  for (const node of graph.node) {
    if (node.domain || !opTypes.includes(node.opType!)) continue;
    const weight = inits.get(node.input[1]);
    const x = node.input[0];
    // A weight shared with another node would be scaled for both: leave such nodes alone.
    if (!weight || weight.dataType !== DT.FLOAT || inits.has(x) || uses.get(weight.name!) !== 1) continue;
    const target = targetOf(node, weight);
    if (!target) continue;
    const axis = node.opType === 'MatMul' ? -1 : 1;
    const fromRight = node.opType === 'Conv' ? dimsOf(weight).length - 2 : 0;
    const group = groups.get(x) ?? { tensor: x, axis, fromRight, targets: [] };
    // A MatMul and a Conv reading one tensor would disagree on its channel axis: leave both alone.
    if (group.axis !== axis) continue;
    group.targets.push(target);
    groups.set(x, group);
  }
  return [...groups.values()];
}

function targetOf(node: NodeProto, weight: TensorProto): SmoothTarget | undefined {
  const dims = dimsOf(weight);
  switch (node.opType) {
    case 'Conv':
      return intAttr(node, 'group', 1) === 1 && dims.length >= 3 ? { node, weight, weightAxis: 1 } : undefined;
    case 'Gemm':
      if (intAttr(node, 'transA', 0) !== 0 || dims.length !== 2) return undefined;
      return { node, weight, weightAxis: intAttr(node, 'transB', 0) ? 1 : 0 };
    case 'MatMul':
      return dims.length === 2 ? { node, weight, weightAxis: 0 } : undefined;
    default:
      return undefined;
  }
}
