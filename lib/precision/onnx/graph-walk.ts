/** Visits every graph of a model: the main graph, If/Loop/Scan bodies, training graphs. */
import type { GraphProto, ModelProto } from './proto';

export function forEachGraph(model: ModelProto, visit: (graph: GraphProto) => void): void {
  const walk = (graph: GraphProto | null | undefined): void => {
    if (!graph) return;
    visit(graph);
    for (const node of graph.node ?? []) {
      for (const attr of node.attribute ?? []) {
        walk(attr.g as GraphProto | null | undefined);
        for (const g of attr.graphs ?? []) walk(g as GraphProto);
      }
    }
  };
  walk(model.graph as GraphProto | null | undefined);
  for (const t of model.trainingInfo ?? []) {
    walk(t.initialization as GraphProto | null | undefined);
    walk(t.algorithm as GraphProto | null | undefined);
  }
}
