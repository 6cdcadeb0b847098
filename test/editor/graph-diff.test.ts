import { describe, expect, it } from 'vitest';
import { diffGraphs, diffStatusMaps, mergedGraph } from '@/lib/editor/graph-diff';
import type { Graph } from '@/lib/pipeline/graph';

const base: Graph = {
  version: 1,
  name: 'line 1',
  nodes: [
    { id: 'camera', kind: 'source.synthetic', params: { seed: 1, width: 256 }, position: { x: 0, y: 0 } },
    { id: 'resize', kind: 'preprocess.resize', params: { width: 224, height: 224 }, position: { x: 300, y: 0 } },
    { id: 'log', kind: 'sink.log', params: {}, position: { x: 600, y: 0 } },
  ],
  edges: [
    { id: 'e1', from: { node: 'camera', port: 'frame' }, to: { node: 'resize', port: 'frame' } },
    { id: 'e2', from: { node: 'resize', port: 'frame' }, to: { node: 'log', port: 'frame' } },
  ],
};

const clone = (g: Graph): Graph => structuredClone(g);

describe('graph diff of two pipeline versions', () => {
  it('given the same graph, when diffed, then nothing changed', () => {
    const d = diffGraphs(base, clone(base));
    expect(d).toMatchObject({ addedNodes: [], removedNodes: [], changedNodes: [], addedEdges: [], removedEdges: [], nameChanged: false });
  });

  it('given a node added and one removed, when diffed, then both are listed by id', () => {
    const next = clone(base);
    next.nodes = next.nodes.filter((n) => n.id !== 'log');
    next.nodes.push({ id: 'gray', kind: 'preprocess.grayscale', params: {}, position: { x: 0, y: 200 } });
    const d = diffGraphs(base, next);
    expect(d.addedNodes.map((n) => n.id)).toEqual(['gray']);
    expect(d.removedNodes.map((n) => n.id)).toEqual(['log']);
  });

  it('given a parameter changed, one added and one removed, when diffed, then each parameter change has its before and after', () => {
    const next = clone(base);
    next.nodes[1].params = { width: 128, height: 224, keepAspect: true };
    next.nodes[0].params = { seed: 1 };
    const d = diffGraphs(base, next);
    expect(d.changedNodes.map((c) => c.id)).toEqual(['camera', 'resize']);
    expect(d.changedNodes[1].params).toEqual([
      { key: 'keepAspect', before: undefined, after: true },
      { key: 'width', before: 224, after: 128 },
    ]);
    expect(d.changedNodes[0].params).toEqual([{ key: 'width', before: 256, after: undefined }]);
    expect(diffStatusMaps(d).nodes.get('resize')).toBe('changed');
  });

  it('given only a node moved, when diffed, then it is reported as moved but not highlighted as changed', () => {
    const next = clone(base);
    next.nodes[2].position = { x: 700, y: 50 };
    const d = diffGraphs(base, next);
    expect(d.changedNodes).toHaveLength(1);
    expect(d.changedNodes[0]).toMatchObject({ id: 'log', moved: true, params: [] });
    expect(diffStatusMaps(d).nodes.size).toBe(0);
  });

  it('given a kind change, when diffed, then the node is changed with kindChanged', () => {
    const next = clone(base);
    next.nodes[1].kind = 'preprocess.crop';
    expect(diffGraphs(base, next).changedNodes[0]).toMatchObject({ id: 'resize', kindChanged: true });
  });

  it('given an edge rewired and a re-created edge with a new id, when diffed, then edges are matched by their endpoints', () => {
    const next = clone(base);
    next.edges[0] = { id: 'other-id', from: { node: 'camera', port: 'frame' }, to: { node: 'resize', port: 'frame' } };
    next.edges[1] = { id: 'e2', from: { node: 'camera', port: 'frame' }, to: { node: 'log', port: 'frame' } };
    const d = diffGraphs(base, next);
    expect(d.addedEdges.map((e) => e.from.node)).toEqual(['camera']);
    expect(d.removedEdges.map((e) => e.from.node)).toEqual(['resize']);
    const merged = mergedGraph(base, next, d);
    expect(merged.edges.map((e) => e.id)).toEqual(['other-id', 'e2', 'e2~removed']);
    expect(diffStatusMaps(d).edges.get('resize:frame->log:frame')).toBe('removed');
  });

  it('given a removed node, when merged for the compare canvas, then it is drawn alongside the new version', () => {
    const next = clone(base);
    next.nodes.pop();
    next.edges.pop();
    const d = diffGraphs(base, next);
    expect(mergedGraph(base, next, d).nodes.map((n) => n.id)).toEqual(['camera', 'resize', 'log']);
  });
});
