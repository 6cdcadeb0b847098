/**
 * Layered layout: a node's column is its longest path from a node without inputs (topological
 * depth), rows within a column follow the average row of the node's parents so wires cross less.
 * Cycles (invalid, but possible while editing) are broken by ignoring back edges.
 */
import type { Graph } from '@/lib/pipeline/graph';

export const LAYOUT_SPACING = { x: 280, y: 150 };

export function autoLayout(graph: Graph, spacing = LAYOUT_SPACING): Graph {
  const parents = new Map(graph.nodes.map((n) => [n.id, [] as string[]]));
  for (const e of graph.edges) if (parents.has(e.to.node) && parents.has(e.from.node)) parents.get(e.to.node)!.push(e.from.node);
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (id: string): number => {
    if (depth.has(id)) return depth.get(id)!;
    if (visiting.has(id)) return 0; // back edge of a cycle
    visiting.add(id);
    const d = Math.max(-1, ...parents.get(id)!.map(depthOf)) + 1;
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  graph.nodes.forEach((n) => depthOf(n.id));
  const columns: string[][] = [];
  for (const n of graph.nodes) (columns[depth.get(n.id)!] ??= []).push(n.id);
  const row = new Map<string, number>();
  for (const column of columns) {
    if (!column) continue;
    const key = (id: string) => {
      const ps = parents.get(id)!.filter((p) => row.has(p));
      return ps.length ? ps.reduce((s, p) => s + row.get(p)!, 0) / ps.length : Number.POSITIVE_INFINITY;
    };
    const sorted = [...column].sort((a, b) => key(a) - key(b) || column.indexOf(a) - column.indexOf(b));
    sorted.forEach((id, i) => row.set(id, i));
  }
  return {
    ...graph,
    nodes: graph.nodes.map((n) => ({ ...n, position: { x: depth.get(n.id)! * spacing.x, y: row.get(n.id)! * spacing.y } })),
  };
}
