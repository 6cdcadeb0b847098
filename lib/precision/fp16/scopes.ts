/**
 * Outer-scope references of subgraphs. A Loop body may read a tensor of the main graph by name
 * without listing it as an input; when that tensor changes type or name, the body must follow.
 */
import { subgraphs, type GraphProto, type NodeProto } from './proto';

/** Names a node's subgraphs read from the enclosing scopes. */
export function outerReferences(node: NodeProto): Set<string> {
  const refs = new Set<string>();
  for (const g of subgraphs(node)) for (const r of graphOuterRefs(g)) refs.add(r);
  return refs;
}

function graphOuterRefs(graph: GraphProto): Set<string> {
  const defined = new Set<string>([...graph.input.map((i) => i.name!), ...graph.initializer.map((t) => t.name!)]);
  const refs = new Set<string>();
  for (const node of graph.node) {
    for (const name of node.input) if (name && !defined.has(name)) refs.add(name);
    for (const r of outerReferences(node)) if (!defined.has(r)) refs.add(r);
    for (const name of node.output) defined.add(name);
  }
  return refs;
}

/** Renames reads of outer tensors inside a node's subgraphs (ONNX forbids shadowing, so a plain rename is safe). */
export function renameInSubgraphs(node: NodeProto, renames: ReadonlyMap<string, string>): void {
  for (const g of subgraphs(node)) {
    for (const inner of g.node) {
      inner.input = inner.input.map((n) => renames.get(n) ?? n);
      renameInSubgraphs(inner, renames);
    }
    for (const out of g.output) if (renames.has(out.name!)) out.name = renames.get(out.name!)!;
  }
}
