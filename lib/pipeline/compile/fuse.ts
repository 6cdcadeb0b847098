import type { Endpoint, Graph, GraphNode } from '../graph';
import type { PreprocessOp } from '../preprocess-ops';
import type { KindLookup, ParsedParams } from './check-structure';

export interface FusedChain {
  /** Where the model really reads its frame from: the first node upstream that is not preprocessing. */
  root: Endpoint;
  ops: PreprocessOp[];
  nodeIds: string[];
}

export interface Fusion {
  chains: Map<string, FusedChain>;
  /** Preprocessing nodes whose only consumers are models that fused them: no stage of their own. */
  absorbed: Set<string>;
}

/**
 * Phase 5: preprocessing in front of a model becomes one pass that writes straight into the
 * model's input tensor. A preprocessing node that also feeds something else still runs as its own
 * stage for that consumer; the model's pass recomputes from the original pixels instead.
 */
export function fusePreprocessing(graph: Graph, ordered: GraphNode[], kinds: KindLookup, params: ParsedParams): Fusion {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const incoming = new Map(graph.edges.map((e) => [`${e.to.node}:${e.to.port}`, e.from]));
  const isPre = (id: string) => kinds(byId.get(id)?.kind ?? '')?.category === 'preprocess';
  const chains = new Map<string, FusedChain>();
  for (const node of ordered) {
    if (kinds(node.kind)?.category !== 'model') continue;
    let from = incoming.get(`${node.id}:frame`);
    const nodeIds: string[] = [];
    const ops: PreprocessOp[] = [];
    while (from && isPre(from.node)) {
      const pre = byId.get(from.node)!;
      // A preprocessing kind that cannot describe itself as an op runs as its own stage instead.
      const toOp = kinds(pre.kind)?.toPreprocessOp;
      if (!toOp) break;
      nodeIds.unshift(pre.id);
      ops.unshift(toOp(params.get(pre.id)));
      from = incoming.get(`${pre.id}:frame`);
    }
    if (from) chains.set(node.id, { root: from, ops, nodeIds });
  }
  return { chains, absorbed: absorbedNodes(graph, ordered, kinds, chains) };
}

function absorbedNodes(graph: Graph, ordered: GraphNode[], kinds: KindLookup, chains: Map<string, FusedChain>): Set<string> {
  const absorbed = new Set<string>();
  for (const node of [...ordered].reverse()) {
    if (kinds(node.kind)?.category !== 'preprocess') continue;
    const consumers = graph.edges.filter((e) => e.from.node === node.id).map((e) => e.to.node);
    const onlyFused = consumers.every((c) => chains.get(c)?.nodeIds.includes(node.id) || absorbed.has(c));
    if (consumers.length > 0 && onlyFused) absorbed.add(node.id);
  }
  return absorbed;
}
