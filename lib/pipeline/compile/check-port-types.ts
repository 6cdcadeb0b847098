import type { Graph } from '../graph';
import { problem, type Problem } from '../problems';
import type { KindLookup } from './check-structure';

/** Phase 3: each edge joins an output and an input of the same data type. */
export function checkPortTypes(graph: Graph, kinds: KindLookup): Problem[] {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const problems: Problem[] = [];
  for (const edge of graph.edges) {
    const fromNode = nodes.get(edge.from.node);
    const toNode = nodes.get(edge.to.node);
    const from = fromNode && kinds(fromNode.kind)?.outputs[edge.from.port];
    const to = toNode && kinds(toNode.kind)?.inputs[edge.to.port];
    if (!from || !to || from.type === to.type) continue; // missing ends are structure problems
    problems.push(
      problem(
        'edge.type-mismatch',
        `Edge "${edge.id}" joins ${edge.from.node}.${edge.from.port} (${from.type}) to ${edge.to.node}.${edge.to.port} (${to.type}); the types must match`,
        { edgeId: edge.id, nodeId: edge.to.node, port: edge.to.port },
      ),
    );
  }
  return problems;
}
