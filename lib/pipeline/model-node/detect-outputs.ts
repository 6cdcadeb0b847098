/**
 * Which outputs a detector decoder reads, found from the ONNX output shapes at compile time, so
 * a model that does not fit the chosen decoder is refused with the shapes it has.
 */
import type { TensorInfo } from '../plan';
import { dim, findOutput } from './find-output';

export type DetectOutputs =
  | { kind: 'fastestdet'; output: string; classes?: number }
  | { kind: 'yolo'; output: string; classes?: number; transposed?: boolean; objectness?: boolean }
  | { kind: 'ssd'; scores: string; boxes: string; classes?: number };

interface Wanted {
  decoder: 'yolo' | 'fastestdet' | 'ssd';
  labels?: string[];
  objectness: 'auto' | 'yes' | 'no';
  output?: string;
  scoresOutput?: string;
  boxesOutput?: string;
}

const shape = (t: TensorInfo) => `"${t.name}" [${t.shape.join(', ')}]`;

export function detectOutputs(p: Wanted, outputs: readonly TensorInfo[]): DetectOutputs | string {
  if (p.decoder === 'fastestdet') {
    const out = findOutput(outputs, p.output, (t) => t.shape.length === 4);
    if (typeof out === 'string') return `${out}; FastestDet gives [batch, 5 + classes, gridH, gridW]`;
    const c = dim(out, 1);
    if (out.shape.length !== 4 || (c !== undefined && c < 6)) return `output ${shape(out)} is not a FastestDet grid [batch, 5 + classes, gridH, gridW]`;
    return { kind: 'fastestdet', output: out.name, classes: c === undefined ? undefined : c - 5 };
  }
  if (p.decoder === 'yolo') {
    const out = findOutput(outputs, p.output, (t) => t.shape.length === 3);
    if (typeof out === 'string') return `${out}; YOLO gives [batch, boxes, 5 + classes] or [batch, 4 + classes, boxes]`;
    if (out.shape.length !== 3) return `output ${shape(out)} is not YOLO rows [batch, boxes, features]`;
    return { kind: 'yolo', output: out.name, ...yoloLayout(dim(out, 1), dim(out, 2), p) };
  }
  const boxes = findOutput(outputs, p.boxesOutput, (t) => t.shape.length === 3 && t.shape[2] === 4);
  const scores = findOutput(
    outputs.filter((o) => typeof boxes === 'string' || o.name !== boxes.name),
    p.scoresOutput,
    (t) => t.shape.length === 3,
  );
  if (typeof boxes === 'string') return `${boxes}; SSD needs boxes [batch, anchors, 4]`;
  if (typeof scores === 'string') return `${scores}; SSD needs scores [batch, anchors, classes]`;
  if (boxes.shape.length !== 3 || scores.shape.length !== 3) return `outputs ${shape(scores)} and ${shape(boxes)} are not SSD scores [batch, anchors, classes] and boxes [batch, anchors, 4]`;
  return { kind: 'ssd', scores: scores.name, boxes: boxes.name, classes: dim(scores, 2) };
}

/** YOLOv8+ stores [4 + C, boxes] (features first, fewer than boxes); v5/v7 store [boxes, 5 + C]. */
export function yoloLayout(a: number | undefined, b: number | undefined, p: Pick<Wanted, 'labels' | 'objectness'>) {
  const transposed = a !== undefined && b !== undefined ? a < b : undefined;
  const features = transposed === undefined ? undefined : transposed ? a : b;
  let objectness = p.objectness === 'auto' ? undefined : p.objectness === 'yes';
  if (objectness === undefined && features !== undefined && p.labels) objectness = features - p.labels.length === 5;
  if (objectness === undefined && transposed !== undefined) objectness = !transposed;
  const classes = features !== undefined && objectness !== undefined ? features - (objectness ? 5 : 4) : undefined;
  return { transposed, objectness, classes };
}
