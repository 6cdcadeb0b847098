/**
 * Copy/paste of node groups: the copied nodes plus the edges between them. Pasting gives every node
 * a fresh id (edges follow) and shifts the group so it does not hide the original.
 */
import type { Graph, GraphEdge, GraphNode } from '@/lib/pipeline/graph';
import { newId } from './new-id';

export interface Clip {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export function copySelection(graph: Graph, selected: ReadonlySet<string>): Clip {
  return {
    nodes: graph.nodes.filter((n) => selected.has(n.id)),
    edges: graph.edges.filter((e) => selected.has(e.from.node) && selected.has(e.to.node)),
  };
}

export function pasteClip(graph: Graph, clip: Clip, offset = { x: 40, y: 40 }): { graph: Graph; pasted: string[] } {
  const taken = new Set([...graph.nodes.map((n) => n.id), ...graph.edges.map((e) => e.id)]);
  const rename = new Map<string, string>();
  const nodes = clip.nodes.map((n) => {
    const id = newId(n.id.replace(/-\d+$/, ''), taken);
    taken.add(id);
    rename.set(n.id, id);
    return { ...n, id, params: structuredClone(n.params), position: { x: n.position.x + offset.x, y: n.position.y + offset.y } };
  });
  const edges = clip.edges.map((e) => {
    const id = newId(e.id.replace(/-\d+$/, ''), taken);
    taken.add(id);
    return { id, from: { ...e.from, node: rename.get(e.from.node)! }, to: { ...e.to, node: rename.get(e.to.node)! } };
  });
  return { graph: { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] }, pasted: nodes.map((n) => n.id) };
}

/** Clip text as it travels through the system clipboard; anything else pastes nothing. */
export function parseClip(text: string): Clip | null {
  try {
    const value = JSON.parse(text) as { loupeClip?: Clip };
    const clip = value?.loupeClip;
    return clip && Array.isArray(clip.nodes) && Array.isArray(clip.edges) ? clip : null;
  } catch {
    return null;
  }
}

export function clipText(clip: Clip): string {
  return JSON.stringify({ loupeClip: clip });
}
