import type { Graph } from '../graph';
import type { NodeKind } from '../node-kind';
import { problem, type Problem } from '../problems';

export type KindLookup = (kind: string) => NodeKind | undefined;

/** Params after zod defaults, per node id; only nodes whose params parsed are present. */
export type ParsedParams = Map<string, unknown>;

/**
 * Phase 2: ids, kinds, parameters and edge endpoints. Collects every problem instead of stopping
 * at the first, so the editor can draw them all at once.
 */
export function checkStructure(graph: Graph, kinds: KindLookup): { problems: Problem[]; params: ParsedParams } {
  const problems: Problem[] = [];
  const params: ParsedParams = new Map();
  const seen = new Set<string>();
  for (const node of graph.nodes) {
    if (seen.has(node.id)) problems.push(problem('graph.duplicate-id', `Node id "${node.id}" is used twice`, { nodeId: node.id }));
    seen.add(node.id);
    const kind = kinds(node.kind);
    if (!kind) {
      problems.push(problem('node.unknown-kind', `Node "${node.id}" has unknown kind "${node.kind}"`, { nodeId: node.id }));
      continue;
    }
    const parsed = kind.params.safeParse(node.params);
    if (parsed.success) params.set(node.id, parsed.data);
    else {
      for (const issue of parsed.error.issues) {
        const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
        const where = path.length ? `parameter "${path.join('.')}"` : 'parameters';
        problems.push(problem('node.bad-params', `${kind.title} "${node.id}": ${where}: ${issue.message}`, { nodeId: node.id, path }));
      }
    }
  }
  problems.push(...checkEdges(graph, kinds));
  if (!graph.nodes.some((n) => kinds(n.kind)?.category === 'source')) {
    problems.push(problem('graph.no-source', 'The pipeline needs a source node (a camera, a folder or the synthetic source)'));
  }
  return { problems, params };
}

function checkEdges(graph: Graph, kinds: KindLookup): Problem[] {
  const problems: Problem[] = [];
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const edgeIds = new Set<string>();
  const filled = new Map<string, string>();
  for (const edge of graph.edges) {
    if (edgeIds.has(edge.id)) problems.push(problem('graph.duplicate-id', `Edge id "${edge.id}" is used twice`, { edgeId: edge.id }));
    edgeIds.add(edge.id);
    for (const [end, dir] of [[edge.from, 'outputs'], [edge.to, 'inputs']] as const) {
      const node = nodes.get(end.node);
      const kind = node && kinds(node.kind);
      if (!node) {
        problems.push(problem('edge.dangling', `Edge "${edge.id}" points at missing node "${end.node}"`, { edgeId: edge.id }));
      } else if (kind && !kind[dir][end.port]) {
        const side = dir === 'outputs' ? 'output' : 'input';
        const known = Object.keys(kind[dir]).join(', ') || 'none';
        problems.push(
          problem('edge.dangling', `Edge "${edge.id}": ${kind.title} "${node.id}" has no ${side} "${end.port}" (${side}s: ${known})`, {
            edgeId: edge.id,
            nodeId: node.id,
            port: end.port,
          }),
        );
      }
    }
    const key = `${edge.to.node}:${edge.to.port}`;
    const other = filled.get(key);
    if (other) {
      problems.push(
        problem('edge.duplicate-input', `Input "${edge.to.port}" of "${edge.to.node}" already receives edge "${other}"`, {
          edgeId: edge.id,
          nodeId: edge.to.node,
          port: edge.to.port,
        }),
      );
    } else filled.set(key, edge.id);
  }
  for (const node of graph.nodes) {
    const kind = kinds(node.kind);
    if (!kind) continue;
    for (const [port, spec] of Object.entries(kind.inputs)) {
      if (!spec.optional && !filled.has(`${node.id}:${port}`)) {
        problems.push(
          problem('port.missing-input', `${kind.title} "${node.id}" needs its "${port}" input (${spec.type}) connected`, { nodeId: node.id, port }),
        );
      }
    }
  }
  return problems;
}
