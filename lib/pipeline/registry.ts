/**
 * The registry of node kinds. Adding a node kind = one file in nodes/ and one line here.
 */
import type { NodeKind } from './node-kind';
import { triggerInterval } from './nodes/trigger-interval';
import { triggerHttp } from './nodes/trigger-http';
import { sourceSynthetic } from './nodes/source-synthetic';
import { sourceFolder } from './nodes/source-folder';
import { preprocessResize } from './nodes/preprocess-resize';
import { preprocessCrop } from './nodes/preprocess-crop';
import { preprocessGrayscale } from './nodes/preprocess-grayscale';
import { preprocessNormalize } from './nodes/preprocess-normalize';
import { modelClassify } from './nodes/model-classify';
import { modelAnomaly } from './nodes/model-anomaly';
import { modelDetect } from './nodes/model-detect';
import { decision } from './nodes/decision';
import { sinkLog } from './nodes/sink-log';
import { sinkImages } from './nodes/sink-images';

const ALL: NodeKind[] = [
  triggerInterval,
  triggerHttp,
  sourceSynthetic,
  sourceFolder,
  preprocessResize,
  preprocessCrop,
  preprocessGrayscale,
  preprocessNormalize,
  modelClassify,
  modelAnomaly,
  modelDetect,
  decision,
  sinkLog,
  sinkImages,
];

export const registry: ReadonlyMap<string, NodeKind> = new Map(ALL.map((k) => [k.kind, k]));

export function getNodeKind(kind: string): NodeKind | undefined {
  return registry.get(kind);
}

export function listNodeKinds(): NodeKind[] {
  return [...registry.values()];
}
