/**
 * Decides, node by node, what runs in float16 and what stays float32 (and why).
 */
import { acceptsFloat16 } from './op-rules';
import type { Fp16Options } from './options';
import { FLOAT, subgraphs, type GraphProto, type NodeProto } from './proto';

export type BlockReason = 'node-block-list' | 'op-block-list' | 'custom-domain' | 'subgraph' | 'unknown-type' | 'no-float16';

/** convert: runs in float16; source: a Constant whose type follows its consumers; block: stays float32; none: no float tensors. */
export type Role = { kind: 'convert' } | { kind: 'source' } | { kind: 'none' } | { kind: 'block'; reason: BlockReason };

export function classifyNode(node: NodeProto, types: ReadonlyMap<string, number>, options: Fp16Options, opset: number): Role {
  const names = [...node.input, ...node.output].filter(Boolean);
  const unknown = names.some((n) => !types.has(n));
  const touchesFloat = names.some((n) => types.get(n) === FLOAT) || subgraphs(node).length > 0;
  if (!touchesFloat && !unknown) return { kind: 'none' };
  if (options.blockNodes.includes(node.name!) || options.blockNodes.includes(node.output[0])) {
    return { kind: 'block', reason: 'node-block-list' };
  }
  if (node.domain && node.domain !== 'ai.onnx') return { kind: 'block', reason: 'custom-domain' };
  if (subgraphs(node).length > 0) return { kind: 'block', reason: 'subgraph' };
  if (unknown) return { kind: 'block', reason: 'unknown-type' };
  if (node.opType === 'Constant' || node.opType === 'ConstantOfShape') return { kind: 'source' };
  if (options.blockOps.includes(node.opType!)) return { kind: 'block', reason: 'op-block-list' };
  if (!acceptsFloat16(node.opType!, opset)) return { kind: 'block', reason: 'no-float16' };
  return { kind: 'convert' };
}

export function classifyGraph(graph: GraphProto, types: ReadonlyMap<string, number>, options: Fp16Options, opset: number): Role[] {
  return graph.node.map((n) => classifyNode(n, types, options, opset));
}
