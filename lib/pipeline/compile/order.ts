import type { Graph, GraphNode } from '../graph';
import { problem, type Problem } from '../problems';

/**
 * Phase 4: topological order (Kahn), stable with respect to the file's node order so the same
 * graph always compiles to the same plan. A cycle is reported naming every node on it.
 */
export function orderNodes(graph: Graph): { ok: true; value: GraphNode[] } | { ok: false; problems: Problem[] } {
  const indegree = new Map(graph.nodes.map((n) => [n.id, 0]));
  const next = new Map<string, string[]>(graph.nodes.map((n) => [n.id, []]));
  for (const e of graph.edges) {
    if (!indegree.has(e.from.node) || !indegree.has(e.to.node)) continue;
    indegree.set(e.to.node, (indegree.get(e.to.node) ?? 0) + 1);
    next.get(e.from.node)!.push(e.to.node);
  }
  const position = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const ready = graph.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const ordered: string[] = [];
  while (ready.length) {
    ready.sort((a, b) => position.get(a)! - position.get(b)!);
    const id = ready.shift()!;
    ordered.push(id);
    for (const to of next.get(id)!) {
      const d = indegree.get(to)! - 1;
      indegree.set(to, d);
      if (d === 0) ready.push(to);
    }
  }
  if (ordered.length === graph.nodes.length) {
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    return { ok: true, value: ordered.map((id) => byId.get(id)!) };
  }
  const stuck = graph.nodes.filter((n) => (indegree.get(n.id) ?? 0) > 0).map((n) => n.id);
  return {
    ok: false,
    problems: stuck.map((id) => problem('graph.cycle', `Node "${id}" is on a cycle (${stuck.join(' → ')}); pipelines flow one way`, { nodeId: id })),
  };
}
