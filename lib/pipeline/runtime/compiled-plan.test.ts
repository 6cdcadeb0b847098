import { describe, expect, it } from 'vitest';
import { compileGraph } from '../compile';
import { getNodeKind } from '../registry';
import type { Frame } from '../values';
import { runPlan } from './run-plan';
import { Probe, testKinds, testServices } from './test-kinds';

describe('runPlan with a compiled plan', () => {
  it('given a graph from the real synthetic camera to a collecting sink, when compiled and run, then each part arrives with its frame and origin', async () => {
    const probe = new Probe();
    const test = testKinds(probe);
    const kinds = (kind: string) => getNodeKind(kind) ?? test(kind);
    const graph = {
      version: 1,
      nodes: [
        { id: 'cam', kind: 'source.synthetic', params: { width: 32, height: 32, count: 6, seed: 7 } },
        { id: 'out', kind: 'test.collect' },
      ],
      edges: [{ id: 'e1', from: { node: 'cam', port: 'frame' }, to: { node: 'out', port: 'frame' } }],
    };
    const compiled = compileGraph(graph, { models: {}, kinds });
    expect(compiled.problems).toEqual([]);
    const summary = await runPlan(compiled.plan!, testServices(), {}, kinds).done;
    const sunk = probe.sunk.get('out')!;
    expect(summary).toMatchObject({ frames: 6, passed: 6, dropped: 0 });
    expect(sunk.map((s) => (s.values.frame as Frame).width)).toEqual([32, 32, 32, 32, 32, 32]);
    expect(sunk.map((s) => s.seq)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
