/**
 * The fused preprocessing pass: crop → resize → grayscale → normalize in whatever order they were
 * wired, in ONE pass over the pixels, written straight into a model input tensor (NCHW, at a batch
 * offset) — or, for unfused chains, into an 8-bit HWC frame. No intermediate images.
 */
import type { PreprocessOp } from '../preprocess-ops';
import type { Frame } from '../values';
import { bilinearPass } from './bilinear-pass';
import { bytePass } from './byte-pass';
import { planFusedPass, type FusedPlan } from './fused-plan';
import { pixelPass } from './pixel-pass';
import { readsWholeRows, rowPass } from './row-pass';
import { simdRowPass } from './simd/simd-row-pass';

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
  /**
   * The same as bytes for a model that scales them itself (model-node/byte-feed): the picked pixels
   * unchanged, source channel k in plane planeOf[k]. Only for ops that pick pixels.
   */
  writeBytes(frame: Frame, out: Uint8Array, offset: number, planeOf: readonly number[]): FusedPlan | { error: string };
  /** The picked pixels as they are, interleaved (HWC) in the frame's channel order. Only for ops that pick pixels. */
  writePixels(frame: Frame, out: Uint8Array, offset: number): FusedPlan | { error: string };
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
  /** The plan for this frame when an item of it fits in `out` at `offset`; why not otherwise. */
  const planInto = (frame: Frame, out: ArrayLike<number>, offset: number): FusedPlan | { error: string } => {
    const p = plan(frame);
    if ('error' in p) return p;
    if (offset + p.width * p.height * p.channels > out.length) return { error: `the tensor has no room for a ${p.channels}×${p.height}×${p.width} item at ${offset}` };
    return p;
  };
  return {
    plan,
    writeTensor(frame, out, offset) {
      const p = planInto(frame, out, offset);
      if ('error' in p) return p;
      const planeSize = p.width * p.height;
      if (frame.data.length >= frame.width * frame.height * frame.channels && readsWholeRows(p, frame.channels)) {
        // The SIMD kernel writes the same values in about half the time; JavaScript where it cannot run.
        if (!simdRowPass(p, frame, out, offset)) rowPass(p, frame, out, offset);
      } else runPass(p, frame, out, offset, { channel: planeSize, row: p.width, pixel: 1 });
      return p;
    },
    writeBytes(frame, out, offset, planeOf) {
      const p = planInto(frame, out, offset);
      if ('error' in p) return p;
      if (frame.data.length < frame.width * frame.height * frame.channels) return { error: 'frame data is shorter than width × height × channels' };
      if (planeOf.length !== frame.channels) return { error: `${planeOf.length} channel planes for a ${frame.channels}-channel frame` };
      bytePass(p, frame, out, offset, planeOf);
      return p;
    },
    writePixels(frame, out, offset) {
      const p = planInto(frame, out, offset);
      if ('error' in p) return p;
      if (frame.data.length < frame.width * frame.height * frame.channels) return { error: 'frame data is shorter than width × height × channels' };
      pixelPass(p, frame, out, offset);
      return p;
    },
  };
}

/** Samples, colours and writes every output pixel of the plan. */
export function runPass(plan: FusedPlan, frame: Frame, out: PassOutput, offset: number, layout: OutputLayout): void {
  if (frame.data.length < frame.width * frame.height * frame.channels) throw new Error('frame data is shorter than width × height × channels');
  if (plan.xs.k === 2 && plan.ys.k === 2) bilinearPass(plan, frame.data, out, offset, layout);
  else if (frame.channels === 3) passRgb(plan, frame.data, out, offset, layout);
  else passGray(plan, frame.data, out, offset, layout);
}

// The passes below read every constant into a local and pick the sampling case once per pass,
// not per pixel: the per-pixel loop is what a model stage spends its JS time on (~124k pixels for
// a 352×352 RGB input), and hoisting roughly halves it. The arithmetic (and so every output
// value) is the same as sampling then colouring pixel by pixel.
function passRgb(p: FusedPlan, src: Uint8Array, out: PassOutput, offset: number, l: OutputLayout): void {
  const { xs, ys, xOffset, yOffset, width, height } = p;
  const { m, b, outChannels } = p.colour;
  const [m0, m1, m2, m3, m4, m5, m6, m7, m8] = outChannels === 1 ? [m[0], m[1], m[2], 0, 0, 0, 0, 0, 0] : m;
  const b0 = b[0];
  const b1 = outChannels === 1 ? 0 : b[1];
  const b2 = outChannels === 1 ? 0 : b[2];
  const gray = outChannels === 1;
  const { channel, row, pixel } = l;
  const kx = xs.k;
  const ky = ys.k;
  const xw = xs.weight;
  const yw = ys.weight;
  const nearest = kx === 1 && ky === 1;
  for (let y = 0; y < height; y++) {
    let o = offset + y * row;
    const yo = yOffset[y];
    for (let x = 0; x < width; x++, o += pixel) {
      let r = 0;
      let g = 0;
      let bl = 0;
      if (nearest) {
        // Crop / nearest / identity: one source pixel, weight 1.
        const i = yo + xOffset[x];
        r = src[i];
        g = src[i + 1];
        bl = src[i + 2];
      } else {
        for (let ty = 0; ty < ky; ty++) {
          const wy = yw[y * ky + ty];
          const base = yOffset[y * ky + ty];
          for (let tx = 0; tx < kx; tx++) {
            const w = wy * xw[x * kx + tx];
            const i = base + xOffset[x * kx + tx];
            r += w * src[i];
            g += w * src[i + 1];
            bl += w * src[i + 2];
          }
        }
      }
      out[o] = m0 * r + m1 * g + m2 * bl + b0;
      if (!gray) {
        out[o + channel] = m3 * r + m4 * g + m5 * bl + b1;
        out[o + 2 * channel] = m6 * r + m7 * g + m8 * bl + b2;
      }
    }
  }
}

function passGray(p: FusedPlan, src: Uint8Array, out: PassOutput, offset: number, l: OutputLayout): void {
  const { xs, ys, xOffset, yOffset, width, height } = p;
  const m = p.colour.m[0];
  const b = p.colour.b[0];
  const { row, pixel } = l;
  const kx = xs.k;
  const ky = ys.k;
  const xw = xs.weight;
  const yw = ys.weight;
  const nearest = kx === 1 && ky === 1;
  for (let y = 0; y < height; y++) {
    let o = offset + y * row;
    const yo = yOffset[y];
    for (let x = 0; x < width; x++, o += pixel) {
      let v = 0;
      if (nearest) v = src[yo + xOffset[x]];
      else for (let ty = 0; ty < ky; ty++) {
        const wy = yw[y * ky + ty];
        const base = yOffset[y * ky + ty];
        for (let tx = 0; tx < kx; tx++) v += wy * xw[x * kx + tx] * src[base + xOffset[x * kx + tx]];
      }
      out[o] = m * v + b;
    }
  }
}

