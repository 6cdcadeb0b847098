import { describe, expect, it } from 'vitest';
import { compileGraph } from '@/lib/pipeline/compile';
import type { ModelInfo } from '@/lib/pipeline/plan';
import { testKinds } from './test-kinds';

const modelInfo: ModelInfo = {
  path: '/abs/m.onnx', sha256: 'ab'.repeat(32), bytes: 10, opset: 17,
  inputs: [{ name: 'image', shape: ['batch', 1, 32, 32], type: 'float32' }],
  outputs: [{ name: 'map', shape: ['batch', 1, 32, 32], type: 'float32' }],
};
const models = { 'm.onnx': modelInfo };

interface TestGraph {
  version: number;
  nodes: { id: string; kind: string; params: Record<string, unknown>; position?: { x: number; y: number } }[];
  edges: { id: string; from: { node: string; port: string }; to: { node: string; port: string } }[];
}

function demo(): TestGraph {
  return {
    version: 1,
    nodes: [
      { id: 'sink', kind: 't.sink', params: {} },
      { id: 'dec', kind: 't.decision', params: {} },
      { id: 'model', kind: 't.model', params: { model: 'm.onnx' } },
      { id: 'resize', kind: 't.resize', params: { width: 32, height: 32 } },
      { id: 'src', kind: 't.source', params: {} },
      { id: 'trig', kind: 't.trigger', params: {} },
    ],
    edges: [
      { id: 'e0', from: { node: 'trig', port: 'trigger' }, to: { node: 'src', port: 'trigger' } },
      { id: 'e1', from: { node: 'src', port: 'frame' }, to: { node: 'resize', port: 'frame' } },
      { id: 'e2', from: { node: 'resize', port: 'frame' }, to: { node: 'model', port: 'frame' } },
      { id: 'e3', from: { node: 'model', port: 'anomaly' }, to: { node: 'dec', port: 'anomaly' } },
      { id: 'e4', from: { node: 'dec', port: 'verdict' }, to: { node: 'sink', port: 'verdict' } },
    ],
  };
}

const compile = (g: unknown) => compileGraph(g, { models, kinds: testKinds });

describe('compileGraph', () => {
  it('given a valid graph listed out of order, when compiled, then stages come in topological order with resize fused into the model', () => {
    const { plan, problems } = compile(demo());
    expect(problems).toEqual([]);
    expect(plan!.stages.map((s) => s.id)).toEqual(['trig', 'src', 'model', 'dec', 'sink']);
    const model = plan!.stages.find((s) => s.id === 'model')!;
    expect(model.fused).toEqual(['resize']);
    expect(model.inputs.frame).toEqual({ node: 'src', port: 'frame' });
    expect(model.preprocess).toEqual([{ op: 'resize', width: 32, height: 32, filter: 'bilinear' }]);
    expect(plan!.models.model).toEqual({ path: '/abs/m.onnx', sha256: modelInfo.sha256, precision: 'fp32' });
    expect(plan!.stages.map((s) => s.role)).toEqual(['trigger', 'source', 'stage', 'stage', 'sink']);
  });

  it('given a preprocessing node that also feeds a sink, when compiled, then it keeps its own stage and the model still fuses it', () => {
    const g = demo();
    g.edges.push({ id: 'e5', from: { node: 'resize', port: 'frame' }, to: { node: 'sink', port: 'frame' } });
    const { plan } = compile(g);
    expect(plan!.stages.map((s) => s.id)).toContain('resize');
    expect(plan!.stages.find((s) => s.id === 'model')!.fused).toEqual(['resize']);
  });

  it('given the same graph twice with moved nodes, when compiled, then the graph hash is identical', () => {
    const a = compile(demo()).plan!;
    const moved = demo();
    moved.nodes.forEach((n, i) => Object.assign(n, { position: { x: i * 10, y: 5 } }));
    expect(compile(moved).plan!.graphHash).toBe(a.graphHash);
    const changed = demo();
    changed.nodes[4].params = { width: 65 };
    expect(compile(changed).plan!.graphHash).not.toBe(a.graphHash);
  });

  it('given a cycle, when compiled, then each node on it is named and nothing throws', () => {
    const g = demo();
    g.nodes.push({ id: 'r2', kind: 't.resize', params: { width: 8, height: 8 } });
    g.edges.push({ id: 'c1', from: { node: 'r2', port: 'frame' }, to: { node: 'r2', port: 'frame' } });
    const { problems } = compile(g);
    expect(problems.filter((p) => p.code === 'graph.cycle').map((p) => p.nodeId)).toEqual(['r2']);
  });

  it('given dangling edges, unknown kinds, bad params and a type mismatch, when compiled, then every problem names its node or edge', () => {
    const g = demo();
    g.nodes.push({ id: 'x', kind: 'nope.kind', params: {} });
    g.nodes[3].params = { width: -1, height: 32 };
    g.edges.push({ id: 'd1', from: { node: 'ghost', port: 'frame' }, to: { node: 'sink', port: 'frame' } });
    g.edges[3] = { id: 'e3', from: { node: 'src', port: 'frame' }, to: { node: 'dec', port: 'anomaly' } };
    const codes = compile(g).problems.map((p) => [p.code, p.edgeId ?? p.nodeId]);
    expect(codes).toContainEqual(['node.unknown-kind', 'x']);
    expect(codes).toContainEqual(['node.bad-params', 'resize']);
    expect(codes).toContainEqual(['edge.dangling', 'd1']);
    expect(codes).toContainEqual(['edge.type-mismatch', 'e3']);
  });

  it('given a missing required input and a port that does not exist, when compiled, then both are reported', () => {
    const g = demo();
    g.edges = g.edges.filter((e) => e.id !== 'e4');
    g.edges.push({ id: 'bad', from: { node: 'src', port: 'frame' }, to: { node: 'dec', port: 'pixels' } });
    const problems = compile(g).problems;
    expect(problems).toContainEqual(expect.objectContaining({ code: 'port.missing-input', nodeId: 'sink', port: 'verdict' }));
    expect(problems).toContainEqual(expect.objectContaining({ code: 'edge.dangling', edgeId: 'bad', port: 'pixels' }));
  });

  it('given a model whose input does not fit the preprocessing, when compiled, then the model node gets model.input-mismatch', () => {
    const g = demo();
    g.nodes[3].params = { width: 64, height: 64 };
    expect(compile(g).problems).toEqual([expect.objectContaining({ code: 'model.input-mismatch', nodeId: 'model' })]);
  });

  it('given a missing model file or a missing precision variant, when compiled, then model.missing-file names the path', () => {
    const g = demo();
    g.nodes[2].params = { model: 'other.onnx' };
    expect(compile(g).problems[0]).toMatchObject({ code: 'model.missing-file', nodeId: 'model' });
    g.nodes[2].params = { model: 'm.onnx', precision: 'int8' };
    expect(compile(g).problems[0].message).toContain('m.int8.onnx');
    g.nodes[2].params = { model: 'm.onnx', precision: 'auto' };
    expect(compile(g).plan!.models.model.precision).toBe('fp32');
  });

  it('given a mixed-precision search result and an INT8 variant, when a node asks for auto, then the search result is chosen', () => {
    const g = demo();
    g.nodes[2].params = { model: 'm.onnx', precision: 'auto' };
    const withVariants = {
      ...models,
      'm.int8.onnx': { ...modelInfo, path: '/abs/m.int8.onnx', sha256: 'cd'.repeat(32) },
      'm.mixed.onnx': { ...modelInfo, path: '/abs/m.mixed.onnx', sha256: 'ef'.repeat(32) },
    };
    expect(compileGraph(g, { models: withVariants, kinds: testKinds }).plan!.models.model).toEqual({ path: '/abs/m.mixed.onnx', sha256: 'ef'.repeat(32), precision: 'mixed' });
    const { 'm.mixed.onnx': _dropped, ...int8Only } = withVariants;
    expect(compileGraph(g, { models: int8Only, kinds: testKinds }).plan!.models.model.precision).toBe('int8');
  });

  it('given files that are not pipelines or from a future version, when compiled, then a clear graph problem comes back', () => {
    expect(compile('hello').problems[0].code).toBe('graph.invalid');
    expect(compile({ version: 99, nodes: [], edges: [] }).problems[0]).toMatchObject({ code: 'graph.version' });
    expect(compile({ version: 1, nodes: [{ id: 'a' }], edges: [] }).problems[0].path).toEqual(['nodes', 0, 'kind']);
    expect(compile({ version: 1, nodes: [], edges: [] }).problems.map((p) => p.code)).toEqual(['graph.no-source']);
  });
});
