/**
 * One image's model outputs → what evaluation scores: a class (classification), an anomaly score,
 * or detections in input-tensor pixels. Detector heads reuse the pipeline's own decoders and NMS,
 * so a variant is scored exactly as model.detect would run it on a line.
 */
import { problem, ProblemError } from '@/lib/pipeline/problems';
import { detectOutputs, yoloLayout } from '@/lib/pipeline/model-node/detect-outputs';
import type { Candidate } from '@/lib/pipeline/postprocess/candidate';
import { decodeFastestDet } from '@/lib/pipeline/postprocess/decode-fastestdet';
import { decodeSsd } from '@/lib/pipeline/postprocess/decode-ssd';
import { decodeYolo } from '@/lib/pipeline/postprocess/decode-yolo';
import { nms } from '@/lib/pipeline/postprocess/nms';
import type { ModelOutputs } from '@/lib/pipeline/runtime/services';
import type { Tensor } from '@/lib/pipeline/values';

const mismatch = (message: string) => new ProblemError([problem('precision.eval-mismatch', message)]);

/** Model output index of each dataset class: by number when every class folder is a number, else by position. */
export function classIndexMap(classes: readonly string[], scores: number): number[] {
  const numeric = classes.every((c) => /^\d+$/.test(c) && Number(c) < scores);
  if (numeric) return classes.map(Number);
  if (classes.length === scores) return classes.map((_, i) => i);
  throw mismatch(
    `The model gives ${scores} class scores but the dataset has ${classes.length} classes (${classes.slice(0, 6).join(', ')}${classes.length > 6 ? ', …' : ''}); ` +
      'name the class folders by output index (0, 1, …) or give one folder per model class',
  );
}

/** The first output: the class scores (logits or probabilities; argmax is the same). */
export function firstOutput(outputs: ModelOutputs, names: readonly string[]): Tensor {
  return outputOf(outputs, names[0]);
}

function outputOf(outputs: ModelOutputs, name: string): Tensor {
  const t = outputs.get(name);
  if (!t) throw mismatch(`The model gave no output "${name}"`);
  return t;
}

export function argmax(data: Float32Array): number {
  let best = 0;
  for (let i = 1; i < data.length; i++) if (data[i] > data[best]) best = i;
  return best;
}

/**
 * Anomaly score: the model's own scalar score when it gives one (an output of one value per image),
 * else the maximum of the first output (an anomaly map's hottest pixel).
 */
export function anomalyScore(outputs: ModelOutputs, names: readonly string[]): number {
  const scalar = names.find((n) => outputs.get(n)?.data.length === 1);
  const name = scalar ?? names[0];
  const t = outputs.get(name);
  if (!t || t.data.length === 0) throw mismatch(`The model's output "${name}" is missing or empty; an anomaly model gives a score or a map`);
  let max = -Infinity;
  for (let i = 0; i < t.data.length; i++) if (t.data[i] > max) max = t.data[i];
  return max;
}

export interface DetectSettings {
  decoder: 'yolo' | 'fastestdet' | 'ssd';
  scoreThreshold: number;
  iouThreshold: number;
  maxDetections: number;
  objectness: 'auto' | 'yes' | 'no';
}

/** Detections after class-aware NMS, boxes [x, y, w, h] in input-tensor pixels, class ids from 0. */
export function decodeDetectorOutputs(outputs: ModelOutputs, input: { width: number; height: number }, s: DetectSettings): Candidate[] {
  const infos = [...outputs].map(([name, t]) => ({ name, shape: t.dims, type: 'float32' }));
  const o = detectOutputs({ decoder: s.decoder, objectness: s.objectness }, infos);
  if (typeof o === 'string') throw mismatch(`The model does not fit the ${s.decoder} detector decoder: it ${o}`);
  let found: Candidate[];
  if (o.kind === 'fastestdet') {
    const t = outputOf(outputs, o.output);
    const [channels, gridH, gridW] = t.dims.slice(-3);
    found = decodeFastestDet({ data: t.data, channels, gridH, gridW }, input, s.scoreThreshold);
  } else if (o.kind === 'yolo') {
    const t = outputOf(outputs, o.output);
    const [a, b] = t.dims.slice(-2);
    const layout = yoloLayout(a, b, s);
    const transposed = !!layout.transposed;
    found = decodeYolo({ data: t.data, boxes: transposed ? b : a, features: transposed ? a : b, transposed, objectness: !!layout.objectness }, s.scoreThreshold);
  } else {
    const scores = outputOf(outputs, o.scores);
    const boxes = outputOf(outputs, o.boxes);
    const anchors = boxes.data.length / 4;
    const classes = scores.data.length / anchors;
    // SSD heads put background in column 0: the first real class becomes class 0, as in YOLO labels.
    found = decodeSsd({ scores: scores.data, boxes: boxes.data, anchors, classes }, input, s.scoreThreshold).map((c) => ({ ...c, classId: classes > 1 ? c.classId - 1 : c.classId }));
  }
  return nms(found, s.iouThreshold, s.maxDetections);
}
