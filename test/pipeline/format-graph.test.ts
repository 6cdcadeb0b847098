import { describe, expect, it } from 'vitest';
import { formatGraph } from '@/lib/pipeline/format-graph';
import { graphSchema } from '@/lib/pipeline/graph';

const graph = graphSchema.parse({
  version: 1,
  name: 'Line 3 — brushed covers',
  nodes: [
    { id: 'src', kind: 'source.synthetic', params: { seed: 7, surface: 'textile' }, position: { x: 0, y: 0 } },
    { id: 'log', kind: 'sink.log', params: {}, position: { x: 300, y: 0 } },
  ],
  edges: [{ id: 'e1', from: { node: 'src', port: 'frame' }, to: { node: 'log', port: 'frame' } }],
});

describe('formatGraph', () => {
  it('given a graph, when formatted, then it parses back to the same graph', () => {
    expect(graphSchema.parse(JSON.parse(formatGraph(graph)))).toEqual(graph);
  });

  it('given a graph, when formatted, then each node and each edge sits on its own line with sorted keys', () => {
    const lines = formatGraph(graph).split('\n');
    expect(lines.filter((l) => l.includes('"kind"'))).toHaveLength(2);
    expect(lines.find((l) => l.includes('"src"') && l.includes('"kind"'))).toContain('{"id":"src","kind":"source.synthetic","params":{"seed":7,"surface":"textile"}');
    expect(lines.filter((l) => l.includes('"from"'))).toHaveLength(1);
  });

  it('given one parameter changed, when both are formatted, then exactly one line differs', () => {
    const changed = structuredClone(graph);
    changed.nodes[0].params.seed = 8;
    const a = formatGraph(graph).split('\n');
    const b = formatGraph(changed).split('\n');
    expect(a.filter((line, i) => line !== b[i])).toHaveLength(1);
  });
});
