/** Nodes of the given op types, in graph order, across the main graph and its subgraphs. */
import { forEachGraph } from './graph-walk';
import type { IModelProto, ModelProto, NodeProto } from './proto';

export function findNodes(model: IModelProto | ModelProto, ...opTypes: string[]): NodeProto[] {
  const wanted = new Set(opTypes);
  const found: NodeProto[] = [];
  forEachGraph(model as ModelProto, (graph) => {
    for (const node of graph.node ?? []) if (wanted.has(node.opType ?? '')) found.push(node as NodeProto);
  });
  return found;
}
