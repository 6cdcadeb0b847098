import type { Graph } from './graph';
import { stableStringify } from './stable-json';

/**
 * The on-disk form of a pipeline: keys sorted, one node and one edge per line, so a change to one
 * node is a one-line diff.
 */
export function formatGraph(graph: Graph): string {
  const head = stableStringify({ ...graph, nodes: undefined, edges: undefined }, 0).slice(1, -1);
  const list = (items: unknown[]) => (items.length ? `[\n    ${items.map((i) => stableStringify(i)).join(',\n    ')}\n  ]` : '[]');
  const fields = [head ? `  ${head.replace(/,"/g, ', "')}` : '', `  "nodes": ${list(graph.nodes)}`, `  "edges": ${list(graph.edges)}`];
  return `{\n${fields.filter(Boolean).join(',\n')}\n}\n`;
}
