/**
 * The fused preprocessing pass: crop → resize → grayscale → normalize in whatever order they were
 * wired, in ONE pass over the pixels, written straight into a model input tensor (NCHW, at a batch
 * offset) — or, for unfused chains, into an 8-bit HWC frame. No intermediate images.
 */
import type { PreprocessOp } from '../preprocess-ops';
import type { Frame } from '../values';
import { planFusedPass, type FusedPlan } from './fused-plan';

/** Where channel c of pixel (x, y) goes: offset + c·channel + y·row + x·pixel. */
export interface OutputLayout {
  channel: number;
  row: number;
  pixel: number;
}

export type PassOutput = Float32Array | Uint8ClampedArray;

export interface FusedKernel {
  /** The plan for a frame of this size (cached), or why the ops cannot apply to it. */
  plan(frame: Pick<Frame, 'width' | 'height' | 'channels'>): FusedPlan | { error: string };
  /** Writes one frame into an NCHW tensor at element `offset`; returns why not, if it cannot. */
  writeTensor(frame: Frame, out: Float32Array, offset: number): FusedPlan | { error: string };
}

const CACHE_SIZE = 8;

export function createFusedKernel(ops: readonly PreprocessOp[]): FusedKernel {
  const cache = new Map<string, FusedPlan | { error: string }>();
  const plan: FusedKernel['plan'] = (frame) => {
    const key = `${frame.width}x${frame.height}x${frame.channels}`;
    let found = cache.get(key);
    if (!found) {
      found = planFusedPass(ops, frame);
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(key, found);
    }
    return found;
  };
  return {
    plan,
    writeTensor(frame, out, offset) {
      const p = plan(frame);
      if ('error' in p) return p;
      const planeSize = p.width * p.height;
      if (offset + planeSize * p.channels > out.length) return { error: `the tensor has no room for a ${p.channels}×${p.height}×${p.width} item at ${offset}` };
      runPass(p, frame, out, offset, { channel: planeSize, row: p.width, pixel: 1 });
      return p;
    },
  };
}

/** Samples, colours and writes every output pixel of the plan. */
export function runPass(plan: FusedPlan, frame: Frame, out: PassOutput, offset: number, layout: OutputLayout): void {
  if (frame.data.length < frame.width * frame.height * frame.channels) throw new Error('frame data is shorter than width × height × channels');
  if (frame.channels === 3) passRgb(plan, frame.data, out, offset, layout);
  else passGray(plan, frame.data, out, offset, layout);
}

function passRgb(p: FusedPlan, src: Uint8Array, out: PassOutput, offset: number, l: OutputLayout): void {
  const { xs, ys, xOffset, yOffset } = p;
  const { m, b, outChannels } = p.colour;
  const kx = xs.k;
  const ky = ys.k;
  for (let y = 0; y < p.height; y++) {
    const rowOut = offset + y * l.row;
    for (let x = 0; x < p.width; x++) {
      let r = 0;
      let g = 0;
      let bl = 0;
      if (kx === 1 && ky === 1) {
        // Crop / nearest / identity: one source pixel, weight 1.
        const i = yOffset[y] + xOffset[x];
        r = src[i];
        g = src[i + 1];
        bl = src[i + 2];
      } else if (kx === 2 && ky === 2) {
        // One bilinear resize: the four neighbours, unrolled (the common case in front of a model).
        const wx0 = xs.weight[2 * x];
        const wx1 = xs.weight[2 * x + 1];
        const wy0 = ys.weight[2 * y];
        const wy1 = ys.weight[2 * y + 1];
        const a = yOffset[2 * y] + xOffset[2 * x];
        const bq = yOffset[2 * y] + xOffset[2 * x + 1];
        const c = yOffset[2 * y + 1] + xOffset[2 * x];
        const d = yOffset[2 * y + 1] + xOffset[2 * x + 1];
        const w00 = wy0 * wx0;
        const w01 = wy0 * wx1;
        const w10 = wy1 * wx0;
        const w11 = wy1 * wx1;
        r = w00 * src[a] + w01 * src[bq] + w10 * src[c] + w11 * src[d];
        g = w00 * src[a + 1] + w01 * src[bq + 1] + w10 * src[c + 1] + w11 * src[d + 1];
        bl = w00 * src[a + 2] + w01 * src[bq + 2] + w10 * src[c + 2] + w11 * src[d + 2];
      } else {
        for (let ty = 0; ty < ky; ty++) {
          const wy = ys.weight[y * ky + ty];
          const base = yOffset[y * ky + ty];
          for (let tx = 0; tx < kx; tx++) {
            const w = wy * xs.weight[x * kx + tx];
            const i = base + xOffset[x * kx + tx];
            r += w * src[i];
            g += w * src[i + 1];
            bl += w * src[i + 2];
          }
        }
      }
      const o = rowOut + x * l.pixel;
      if (outChannels === 1) out[o] = m[0] * r + m[1] * g + m[2] * bl + b[0];
      else {
        out[o] = m[0] * r + m[1] * g + m[2] * bl + b[0];
        out[o + l.channel] = m[3] * r + m[4] * g + m[5] * bl + b[1];
        out[o + 2 * l.channel] = m[6] * r + m[7] * g + m[8] * bl + b[2];
      }
    }
  }
}

function passGray(p: FusedPlan, src: Uint8Array, out: PassOutput, offset: number, l: OutputLayout): void {
  const { xs, ys, xOffset, yOffset } = p;
  const m = p.colour.m[0];
  const b = p.colour.b[0];
  const kx = xs.k;
  const ky = ys.k;
  for (let y = 0; y < p.height; y++) {
    const rowOut = offset + y * l.row;
    for (let x = 0; x < p.width; x++) {
      let v = 0;
      if (kx === 1 && ky === 1) v = src[yOffset[y] + xOffset[x]];
      else for (let ty = 0; ty < ky; ty++) {
        const wy = ys.weight[y * ky + ty];
        const base = yOffset[y * ky + ty];
        for (let tx = 0; tx < kx; tx++) v += wy * xs.weight[x * kx + tx] * src[base + xOffset[x * kx + tx]];
      }
      out[rowOut + x * l.pixel] = m * v + b;
    }
  }
}
