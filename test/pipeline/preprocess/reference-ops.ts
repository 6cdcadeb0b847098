/**
 * Test helper: the preprocessing ops applied the slow, obvious way — one op at a time, each
 * producing a whole floating-point image — to check the fused single pass against.
 */
import type { PreprocessOp } from '@/lib/pipeline/preprocess-ops';
import type { Frame } from '@/lib/pipeline/values';

export interface FloatImage {
  width: number;
  height: number;
  channels: number;
  order: 'rgb' | 'bgr';
  data: Float64Array;
}

const LUMA = [0.299, 0.587, 0.114];

export function toFloat(frame: Frame): FloatImage {
  return { width: frame.width, height: frame.height, channels: frame.channels, order: 'rgb', data: Float64Array.from(frame.data) };
}

export function applyStepByStep(frame: Frame, ops: PreprocessOp[]): FloatImage {
  return ops.reduce(applyOne, toFloat(frame));
}

function applyOne(img: FloatImage, op: PreprocessOp): FloatImage {
  const { width: W, height: H, channels: C } = img;
  const at = (x: number, y: number, c: number) => img.data[(y * W + x) * C + c];
  const make = (width: number, height: number, channels: number, f: (x: number, y: number, c: number) => number, order = img.order) => {
    const data = new Float64Array(width * height * channels);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let c = 0; c < channels; c++) data[(y * width + x) * channels + c] = f(x, y, c);
    return { width, height, channels, order, data };
  };
  switch (op.op) {
    case 'crop':
      if (op.x + op.width > W || op.y + op.height > H) throw new Error('crop outside');
      return make(op.width, op.height, C, (x, y, c) => at(x + op.x, y + op.y, c));
    case 'resize': {
      const rx = W / op.width;
      const ry = H / op.height;
      if (op.filter === 'nearest') {
        return make(op.width, op.height, C, (x, y, c) => at(Math.min(W - 1, Math.floor((x + 0.5) * rx)), Math.min(H - 1, Math.floor((y + 0.5) * ry)), c));
      }
      return make(op.width, op.height, C, (x, y, c) => {
        const sx = Math.min(W - 1, Math.max(0, (x + 0.5) * rx - 0.5));
        const sy = Math.min(H - 1, Math.max(0, (y + 0.5) * ry - 0.5));
        const x0 = Math.floor(sx);
        const y0 = Math.floor(sy);
        const x1 = Math.min(x0 + 1, W - 1);
        const y1 = Math.min(y0 + 1, H - 1);
        const fx = sx - x0;
        const fy = sy - y0;
        const top = at(x0, y0, c) * (1 - fx) + at(x1, y0, c) * fx;
        const bottom = at(x0, y1, c) * (1 - fx) + at(x1, y1, c) * fx;
        return top * (1 - fy) + bottom * fy;
      });
    }
    case 'grayscale': {
      if (C === 1) return img;
      const w = img.order === 'rgb' ? LUMA : [...LUMA].reverse();
      return make(W, H, 1, (x, y) => w[0] * at(x, y, 0) + w[1] * at(x, y, 1) + w[2] * at(x, y, 2));
    }
    case 'normalize': {
      const swap = C === 3 && op.order !== img.order;
      const pick = (v: number[], c: number) => v[v.length === 1 ? 0 : c];
      return make(W, H, C, (x, y, c) => (at(x, y, swap ? 2 - c : c) * op.scale - pick(op.mean, c)) / pick(op.std, c), C === 3 ? op.order : img.order);
    }
  }
}

/** HWC float image → planar (CHW) values, the layout of one item of a model input tensor. */
export function toPlanar(img: FloatImage): Float64Array {
  const out = new Float64Array(img.data.length);
  const plane = img.width * img.height;
  for (let i = 0; i < plane; i++) for (let c = 0; c < img.channels; c++) out[c * plane + i] = img.data[i * img.channels + c];
  return out;
}
