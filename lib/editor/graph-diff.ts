/**
 * What changed between two versions of a pipeline. Nodes are matched by id (ids are stable across
 * saves; the editor never renames them); edges by their endpoints, since an edge's identity is
 * what it connects, not its id.
 */
import type { Graph, GraphEdge, GraphNode } from '@/lib/pipeline/graph';
import { stableStringify } from '@/lib/pipeline/stable-json';

export interface ParamChange {
  key: string;
  before: unknown;
  after: unknown;
}

export interface NodeChange {
  id: string;
  before: GraphNode;
  after: GraphNode;
  kindChanged: boolean;
  labelChanged: boolean;
  params: ParamChange[];
  /** Moved only: not counted as a change, but worth knowing. */
  moved: boolean;
}

export interface GraphDiff {
  addedNodes: GraphNode[];
  removedNodes: GraphNode[];
  changedNodes: NodeChange[];
  addedEdges: GraphEdge[];
  removedEdges: GraphEdge[];
  nameChanged: boolean;
}

export type DiffStatus = 'added' | 'removed' | 'changed';

export function edgeKey(e: GraphEdge): string {
  return `${e.from.node}:${e.from.port}->${e.to.node}:${e.to.port}`;
}

export function diffGraphs(a: Graph, b: Graph): GraphDiff {
  const before = new Map(a.nodes.map((n) => [n.id, n]));
  const after = new Map(b.nodes.map((n) => [n.id, n]));
  const changedNodes: NodeChange[] = [];
  for (const node of b.nodes) {
    const old = before.get(node.id);
    if (!old) continue;
    const change = diffNode(old, node);
    if (change.kindChanged || change.labelChanged || change.params.length || change.moved) changedNodes.push(change);
  }
  const edgesA = new Map(a.edges.map((e) => [edgeKey(e), e]));
  const edgesB = new Map(b.edges.map((e) => [edgeKey(e), e]));
  return {
    addedNodes: b.nodes.filter((n) => !before.has(n.id)),
    removedNodes: a.nodes.filter((n) => !after.has(n.id)),
    changedNodes,
    addedEdges: b.edges.filter((e) => !edgesA.has(edgeKey(e))),
    removedEdges: a.edges.filter((e) => !edgesB.has(edgeKey(e))),
    nameChanged: (a.name ?? '') !== (b.name ?? ''),
  };
}

function diffNode(a: GraphNode, b: GraphNode): NodeChange {
  const keys = [...new Set([...Object.keys(a.params), ...Object.keys(b.params)])].sort();
  const params = keys
    .filter((k) => stableStringify(a.params[k] ?? null) !== stableStringify(b.params[k] ?? null))
    .map((key) => ({ key, before: a.params[key], after: b.params[key] }));
  return {
    id: b.id,
    before: a,
    after: b,
    kindChanged: a.kind !== b.kind,
    labelChanged: (a.label ?? '') !== (b.label ?? ''),
    params,
    moved: a.position.x !== b.position.x || a.position.y !== b.position.y,
  };
}

/** A change that matters to what the pipeline does (moving a node does not). */
export function isSubstantive(c: NodeChange): boolean {
  return c.kindChanged || c.labelChanged || c.params.length > 0;
}

/** Per node and per edge key: how it differs, for highlighting on the canvas. */
export function diffStatusMaps(diff: GraphDiff): { nodes: Map<string, DiffStatus>; edges: Map<string, DiffStatus> } {
  const nodes = new Map<string, DiffStatus>();
  diff.addedNodes.forEach((n) => nodes.set(n.id, 'added'));
  diff.removedNodes.forEach((n) => nodes.set(n.id, 'removed'));
  diff.changedNodes.filter(isSubstantive).forEach((c) => nodes.set(c.id, 'changed'));
  const edges = new Map<string, DiffStatus>();
  diff.addedEdges.forEach((e) => edges.set(edgeKey(e), 'added'));
  diff.removedEdges.forEach((e) => edges.set(edgeKey(e), 'removed'));
  return { nodes, edges };
}

/** Both versions on one canvas: everything in b, plus what a had and b lost. */
export function mergedGraph(a: Graph, b: Graph, diff: GraphDiff): Graph {
  const taken = new Set(b.edges.map((e) => e.id));
  const removedEdges = diff.removedEdges.map((e) => (taken.has(e.id) ? { ...e, id: `${e.id}~removed` } : e));
  return { ...b, nodes: [...b.nodes, ...diff.removedNodes], edges: [...b.edges, ...removedEdges] };
}
