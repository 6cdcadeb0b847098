/**
 * The pipelines the bench runs: the demo pipeline as a user runs it, free-running (no trigger, so
 * the camera is as fast as it can be) and without the picture sink (no disk writes); and, when
 * ../shared/models is there, FastestDet on synthetic RGB parts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Graph } from '@/lib/pipeline/graph';

export function demoBenchGraph(root: string): Graph {
  const demo = JSON.parse(readFileSync(join(root, 'pipelines', 'demo.json'), 'utf8')) as Graph;
  const dropped = new Set(demo.nodes.filter((n) => n.kind.startsWith('trigger.') || n.kind === 'sink.images').map((n) => n.id));
  return {
    ...demo,
    name: 'bench: demo free-running',
    nodes: demo.nodes.filter((n) => !dropped.has(n.id)),
    edges: demo.edges.filter((e) => !dropped.has(e.from.node) && !dropped.has(e.to.node)),
  };
}

export function fastestDetBenchGraph(modelPath: string, labels: string[]): Graph {
  const at = (x: number) => ({ x, y: 0 });
  return {
    version: 1,
    name: 'bench: FastestDet on synthetic parts',
    nodes: [
      { id: 'camera', kind: 'source.synthetic', params: { surface: 'painted-panel', width: 352, height: 352, channels: 'rgb', defectRate: 0.1, seed: 7 }, position: at(0) },
      { id: 'normalize', kind: 'preprocess.normalize', params: { scale: 1 / 255, mean: [0], std: [1], order: 'bgr' }, position: at(200) },
      { id: 'detector', kind: 'model.detect', params: { model: modelPath, decoder: 'fastestdet', labels, scoreThreshold: 0.65 }, position: at(400) },
      { id: 'decision', kind: 'decision', params: { detection: { minScore: 0.65 } }, position: at(600) },
      { id: 'log', kind: 'sink.log', params: {}, position: at(800) },
    ],
    edges: [
      { id: 'e1', from: { node: 'camera', port: 'frame' }, to: { node: 'normalize', port: 'frame' } },
      { id: 'e2', from: { node: 'normalize', port: 'frame' }, to: { node: 'detector', port: 'frame' } },
      { id: 'e3', from: { node: 'detector', port: 'detections' }, to: { node: 'decision', port: 'detections' } },
      { id: 'e4', from: { node: 'decision', port: 'verdict' }, to: { node: 'log', port: 'verdict' } },
    ],
  };
}
