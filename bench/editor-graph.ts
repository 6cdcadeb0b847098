/**
 * A large pipeline for the editor benchmark: `chains` copies of the demo chain (camera → resize →
 * anomaly model → decision → result log), five nodes each, laid out in a grid as auto-layout would.
 */
import type { Graph, GraphEdge, GraphNode } from '@/lib/pipeline/graph';

const CHAIN: [kind: string, params: Record<string, unknown>, port: { in?: string; out?: string }][] = [
  ['source.synthetic', { seed: 1 }, { out: 'frame' }],
  ['preprocess.resize', { width: 256, height: 256 }, { in: 'frame', out: 'frame' }],
  ['model.anomaly', { model: 'models/demo/surface-anomaly.onnx', precision: 'fp32' }, { in: 'frame', out: 'anomaly' }],
  ['decision', { anomalyThreshold: 1.5 }, { in: 'anomaly', out: 'verdict' }],
  ['sink.log', {}, { in: 'verdict' }],
];

export function editorBenchGraph(nodes: number): Graph {
  const chains = Math.ceil(nodes / CHAIN.length);
  const graphNodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (let c = 0; c < chains; c++) {
    CHAIN.forEach(([kind, params, port], i) => {
      if (graphNodes.length >= nodes) return;
      const id = `c${c}-${kind.split('.').pop()}`;
      graphNodes.push({ id, kind, params: { ...params, ...(kind === 'source.synthetic' ? { seed: c + 1 } : {}) }, position: { x: i * 260, y: c * 170 } });
      if (i > 0 && port.in) {
        const from = `c${c}-${CHAIN[i - 1][0].split('.').pop()}`;
        edges.push({ id: `e-${from}-${id}`, from: { node: from, port: CHAIN[i - 1][2].out! }, to: { node: id, port: port.in } });
      }
    });
  }
  return { version: 1, name: `bench: ${nodes} nodes`, nodes: graphNodes, edges };
}
