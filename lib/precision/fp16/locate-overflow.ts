/**
 * Names the first node, in graph order, whose float16 output holds NaN/Inf where FP32 is finite,
 * and what to block to avoid it.
 */
import type * as ort from 'onnxruntime-node';
import { floatsOf, newNonFinite } from './compare';
import type { Exposed } from './expose';
import { nodeLabel } from './proto';

export interface Overflow {
  /** The node to blame (for a Cast the converter inserted: the node that produced its input). */
  node: string;
  opType: string;
  tensor: string;
  nonFinite: number;
  size: number;
  /** Node names to pass as blockNodes to keep this computation in float32. */
  blockNodes: string[];
  /** 'node': the node computed it in float16; 'cast': its float32 result was too large to cast down for the next nodes. */
  at: 'node' | 'cast';
}

export function locateOverflow(fp16: Exposed, fp32Nodes: ReadonlySet<string>, out16: ort.InferenceSession.ReturnType, out32: ort.InferenceSession.ReturnType): Overflow | undefined {
  const graph = fp16.graph;
  for (const { name, node: k } of fp16.tensors) {
    const t = out16[name];
    if (!t) continue;
    const node = graph.node[k];
    const inserted = node.opType === 'Cast' && !!node.name && !fp32Nodes.has(node.name);
    const refName = inserted ? node.input[0] : name;
    const ref = out32[refName] ? floatsOf(out32[refName]) : undefined;
    const values = floatsOf(t);
    const bad = newNonFinite(values, ref);
    if (bad === 0) continue;
    if (!inserted) return { node: nodeLabel(node), opType: node.opType!, tensor: name, nonFinite: bad, size: values.length, blockNodes: [blockName(node)], at: 'node' };
    // A float32 value too large for float16 at a Cast we inserted: its consumers must stay float32.
    const producer = graph.node.find((n) => n.output.includes(node.input[0]));
    const consumers = graph.node.filter((n) => n.input.includes(node.output[0]));
    return {
      node: producer ? nodeLabel(producer) : node.input[0],
      opType: producer?.opType ?? 'input',
      tensor: node.input[0],
      nonFinite: bad,
      size: values.length,
      blockNodes: consumers.map(blockName),
      at: 'cast',
    };
  }
  return undefined;
}

/** blockNodes accepts a node name, or the first output's name for nodes the exporter left unnamed. */
function blockName(node: { name?: string | null; output: string[] }): string {
  return node.name || node.output[0];
}
