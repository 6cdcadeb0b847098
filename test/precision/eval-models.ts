/** Tiny real ONNX models for the eval tests, built by code: an anomaly mapper and a fixed-row detector. */
import { OnnxGraphBuilder } from '@/lib/precision/onnx/builder';
import { onnx } from '@/lib/precision/onnx/proto';

const encode = (b: OnnxGraphBuilder) => onnx.ModelProto.encode(b.build()).finish();

/** Gray [batch, 1, 16, 16] → anomaly map: a 3×3 mean filter, so a uniform image scores its level and a 3×3 spot its value. */
export function anomalyModel(): Uint8Array {
  const b = new OnnxGraphBuilder({ name: 'anomaly-mean3' });
  const x = b.input('image', ['batch', 1, 16, 16]);
  const w = b.initializer('w', [1, 1, 3, 3], new Array(9).fill(1 / 9));
  b.op('Conv', [x, w], { pads: [1, 1, 1, 1] }, 'map');
  b.output('map', ['batch', 1, 16, 16]);
  return encode(b);
}

/**
 * RGB [batch, 3, 32, 32] → YOLOv5 rows [batch, 8, 7] (cx, cy, w, h, objectness, class 0, class 1 in
 * input pixels). Rows are constant except row 2's objectness, 0.5 + 0.2 × the image's mean (0..1),
 * so brighter images rank its class-1 box higher. Rows 3..7 are empty (objectness 0).
 */
export const DETECTOR_ROWS = [
  [8, 8, 8, 8, 0.9, 1, 0],
  [24, 24, 8, 8, 0.8, 1, 0],
  [24, 24, 8, 8, 0.5, 0, 1],
];

export function detectorModel(): Uint8Array {
  const b = new OnnxGraphBuilder({ name: 'fixed-rows' });
  const x = b.input('image', ['batch', 3, 32, 32]);
  const rows = [...DETECTOR_ROWS, ...Array.from({ length: 5 }, () => [0, 0, 0, 0, 0, 0, 0])].flat();
  const slope = new Array(8 * 7).fill(0);
  slope[2 * 7 + 4] = 0.2;
  const mean = b.op('ReduceMean', [x], { axes: [1, 2, 3], keepdims: 1 });
  const m = b.op('Reshape', [mean, b.initializer('shape', [3], [-1, 1, 1], 'int64')]);
  const varying = b.op('Mul', [m, b.initializer('slope', [1, 8, 7], slope)]);
  b.op('Add', [varying, b.initializer('rows', [1, 8, 7], rows)], {}, 'rows_out');
  b.output('rows_out', ['batch', 8, 7]);
  return encode(b);
}
