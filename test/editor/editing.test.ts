import { describe, expect, it } from 'vitest';
import { autoLayout } from '@/lib/editor/auto-layout';
import { checkConnection } from '@/lib/editor/check-connection';
import { copySelection, parseClip, clipText, pasteClip } from '@/lib/editor/clipboard';
import { flowToGraph, graphToFlow } from '@/lib/editor/graph-to-flow';
import { importGraph } from '@/lib/editor/import-graph';
import { UndoStack } from '@/lib/editor/undo-stack';
import type { Graph } from '@/lib/pipeline/graph';
import { getNodeKind } from '@/lib/pipeline/registry';
import { formatGraph } from '@/lib/pipeline/format-graph';

const graph: Graph = {
  version: 1,
  nodes: [
    { id: 'cam', kind: 'source.synthetic', params: { seed: 3 }, position: { x: 500, y: 500 } },
    { id: 'cam-2', kind: 'source.synthetic', params: {}, position: { x: 0, y: 0 } },
  ],
  edges: [],
};

describe('editing a pipeline on the canvas', () => {
  it('given a graph, when converted to React Flow and back, then it is the same graph', () => {
    const flow = graphToFlow(graph);
    expect(flow.nodes[0]).toMatchObject({ id: 'cam', type: 'pipeline', data: { kind: 'source.synthetic', params: { seed: 3 } } });
    expect(flowToGraph(flow.nodes, flow.edges)).toEqual(graph);
  });

  it('given ports of different types, when connecting, then the connection is refused with both types named', () => {
    const ctx = { kindOf: (id: string) => graph.nodes.find((n) => n.id === id)?.kind, kinds: getNodeKind, edges: [] };
    const v = checkConnection({ source: 'cam', sourceHandle: 'frame', target: 'cam-2', targetHandle: 'trigger' }, ctx);
    expect(v).toEqual({ ok: false, reason: expect.stringMatching(/Frame.*Trigger/) });
    expect(checkConnection({ source: 'cam', sourceHandle: 'frame', target: 'cam', targetHandle: 'trigger' }, ctx).ok).toBe(false);
  });

  it('given a few edits, when undone and redone, then each snapshot comes back in order and a new edit clears redo', () => {
    const stack = new UndoStack('a');
    stack.push('b');
    stack.push('b');
    stack.push('c');
    expect([stack.undo(), stack.undo(), stack.undo()]).toEqual(['b', 'a', undefined]);
    expect(stack.redo()).toBe('b');
    stack.push('d');
    expect(stack.canRedo).toBe(false);
    expect(stack.current).toBe('d');
  });

  it('given a copied node, when pasted twice, then each paste gets fresh ids, shifted positions and its own params', () => {
    const clip = parseClip(clipText(copySelection(graph, new Set(['cam']))))!;
    const once = pasteClip(graph, clip);
    const twice = pasteClip(once.graph, clip);
    expect(once.pasted).toEqual(['cam-3']);
    expect(twice.pasted).toEqual(['cam-4']);
    expect(twice.graph.nodes.at(-1)).toMatchObject({ kind: 'source.synthetic', params: { seed: 3 }, position: { x: 540, y: 540 } });
    expect(parseClip('not json')).toBeNull();
  });

  it('given a chain, when laid out, then columns follow topological depth', () => {
    const chain: Graph = {
      version: 1,
      nodes: ['c', 'b', 'a'].map((id) => ({ id, kind: 'x', params: {}, position: { x: 9, y: 9 } })),
      edges: [
        { id: 'e1', from: { node: 'a', port: 'o' }, to: { node: 'b', port: 'i' } },
        { id: 'e2', from: { node: 'b', port: 'o' }, to: { node: 'c', port: 'i' } },
        { id: 'loop', from: { node: 'c', port: 'o' }, to: { node: 'a', port: 'i' } },
      ],
    };
    const laid = autoLayout({ ...chain, edges: chain.edges.slice(0, 2) });
    expect(Object.fromEntries(laid.nodes.map((n) => [n.id, n.position.x]))).toEqual({ a: 0, b: 280, c: 560 });
    expect(autoLayout(chain).nodes).toHaveLength(3); // a cycle does not hang the layout
  });

  it('given files that are not pipelines, from a future version or with unknown kinds, when imported, then each is refused with its reason', () => {
    expect(importGraph('{', getNodeKind)).toMatchObject({ ok: false, problems: [{ code: 'graph.invalid' }] });
    expect(importGraph('{"hello":1}', getNodeKind)).toMatchObject({ ok: false, problems: [{ code: 'graph.invalid' }] });
    expect(importGraph('{"version":2,"nodes":[],"edges":[]}', getNodeKind)).toMatchObject({ ok: false, problems: [{ code: 'graph.version' }] });
    const unknown = importGraph('{"version":1,"nodes":[{"id":"n","kind":"warp.drive"}],"edges":[]}', getNodeKind);
    expect(unknown).toMatchObject({ ok: false, problems: [{ code: 'node.unknown-kind', nodeId: 'n' }] });
  });

  it('given an exported file, when imported, then the same graph comes back', () => {
    expect(importGraph(formatGraph(graph), getNodeKind)).toEqual({ ok: true, graph });
  });
});
