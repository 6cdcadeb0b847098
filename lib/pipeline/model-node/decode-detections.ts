/**
 * One image's detector outputs → Detections in the entering frame's pixels: decode candidates in
 * model-input pixels, class-aware NMS there, then map each box back through the preprocessing and
 * clip it to the frame.
 */
import { decodeFastestDet } from '../postprocess/decode-fastestdet';
import { decodeSsd } from '../postprocess/decode-ssd';
import { decodeYolo } from '../postprocess/decode-yolo';
import type { Candidate } from '../postprocess/candidate';
import { nms } from '../postprocess/nms';
import { clipBox, mapBoxBack } from '../preprocess/map-box-back';
import type { ModelOutputs } from '../runtime/services';
import type { Detections } from '../values';
import type { DetectOutputs } from './detect-outputs';
import { yoloLayout } from './detect-outputs';
import type { ItemContext } from './model-stage';

interface Settings {
  outputs: DetectOutputs;
  labels?: string[];
  scoreThreshold: number;
  iouThreshold: number;
  maxDetections: number;
  objectness: 'auto' | 'yes' | 'no';
}

export function decodeDetections(outputs: ModelOutputs, item: ItemContext, s: Settings): Detections {
  const input = { width: item.plan.width, height: item.plan.height };
  const candidates = decodeCandidates(outputs, input, s);
  const kept = nms(candidates, s.iouThreshold, s.maxDetections);
  const labelOffset = s.outputs.kind === 'ssd' && s.labels && s.outputs.classes !== undefined && s.labels.length === s.outputs.classes - 1 ? 1 : 0;
  const detections: Detections = [];
  for (const c of kept) {
    const box = clipBox(mapBoxBack(c.box, item.ops, item.frame), item.frame);
    if (box[2] <= 0 || box[3] <= 0) continue;
    detections.push({ box, classId: c.classId, label: s.labels?.[c.classId - labelOffset] ?? String(c.classId), score: c.score });
  }
  return detections;
}

function decodeCandidates(outputs: ModelOutputs, input: { width: number; height: number }, s: Settings): Candidate[] {
  const o = s.outputs;
  const get = (name: string) => {
    const t = outputs.get(name);
    if (!t) throw new Error(`the model gave no output "${name}"`);
    return t;
  };
  if (o.kind === 'fastestdet') {
    const t = get(o.output);
    const [channels, gridH, gridW] = t.dims.slice(-3);
    if (t.dims.length < 3 || channels * gridH * gridW !== t.data.length) throw new Error(`output "${o.output}" [${t.dims.join(', ')}] is not one FastestDet grid`);
    return decodeFastestDet({ data: t.data, channels, gridH, gridW }, input, s.scoreThreshold);
  }
  if (o.kind === 'yolo') {
    const t = get(o.output);
    const [a, b] = t.dims.slice(-2);
    if (t.dims.length < 2 || a * b !== t.data.length) throw new Error(`output "${o.output}" [${t.dims.join(', ')}] is not one image's YOLO rows`);
    const layout = o.transposed !== undefined && o.objectness !== undefined ? o : yoloLayout(a, b, s);
    const transposed = layout.transposed!;
    return decodeYolo(
      { data: t.data, boxes: transposed ? b : a, features: transposed ? a : b, transposed, objectness: layout.objectness! },
      s.scoreThreshold,
    );
  }
  const scores = get(o.scores);
  const boxes = get(o.boxes);
  const anchors = boxes.data.length / 4;
  const classes = scores.data.length / anchors;
  if (!Number.isInteger(anchors) || !Number.isInteger(classes)) throw new Error(`SSD outputs [${scores.dims.join(', ')}] and [${boxes.dims.join(', ')}] do not agree on the anchors`);
  return decodeSsd({ scores: scores.data, boxes: boxes.data, anchors, classes }, input, s.scoreThreshold);
}
