/**
 * The fused pass for one bilinear resize (two taps per axis), the case in front of most models
 * when the camera's size is not the model's: loops of their own, each row's weights and offsets
 * read once, the four taps unrolled. Every value is the same expression, in the same order, as the
 * general pass's tap loop (fused-kernel.ts), so the values are the same, in less time: 352×352
 * from 1280×1024 RGB 1.67 → 1.28 ms, 256×640 from 500×1250 gray 1.92 → 0.80 ms.
 */
import type { FusedPlan } from './fused-plan';
import type { OutputLayout, PassOutput } from './fused-kernel';

/** Samples, colours and writes every output pixel; the caller checked the plan has two taps per axis. */
export function bilinearPass(p: FusedPlan, src: Uint8Array, out: PassOutput, offset: number, l: OutputLayout): void {
  if (p.colour.inChannels === 1) gray(p, src, out, offset, l);
  else rgb(p, src, out, offset, l);
}

function rgb(p: FusedPlan, src: Uint8Array, out: PassOutput, offset: number, l: OutputLayout): void {
  const { xOffset, yOffset, width, height } = p;
  const xw = p.xs.weight;
  const yw = p.ys.weight;
  const three = p.colour.outChannels === 3;
  const [m0, m1, m2, m3, m4, m5, m6, m7, m8] = three ? p.colour.m : [p.colour.m[0], p.colour.m[1], p.colour.m[2], 0, 0, 0, 0, 0, 0];
  const [b0, b1, b2] = three ? p.colour.b : [p.colour.b[0], 0, 0];
  const { channel, row, pixel } = l;
  for (let y = 0; y < height; y++) {
    const wy0 = yw[2 * y];
    const wy1 = yw[2 * y + 1];
    const r0 = yOffset[2 * y];
    const r1 = yOffset[2 * y + 1];
    for (let x = 0, o = offset + y * row; x < width; x++, o += pixel) {
      const wx0 = xw[2 * x];
      const wx1 = xw[2 * x + 1];
      const a = r0 + xOffset[2 * x];
      const bq = r0 + xOffset[2 * x + 1];
      const c = r1 + xOffset[2 * x];
      const d = r1 + xOffset[2 * x + 1];
      const w00 = wy0 * wx0;
      const w01 = wy0 * wx1;
      const w10 = wy1 * wx0;
      const w11 = wy1 * wx1;
      const r = w00 * src[a] + w01 * src[bq] + w10 * src[c] + w11 * src[d];
      const g = w00 * src[a + 1] + w01 * src[bq + 1] + w10 * src[c + 1] + w11 * src[d + 1];
      const bl = w00 * src[a + 2] + w01 * src[bq + 2] + w10 * src[c + 2] + w11 * src[d + 2];
      out[o] = m0 * r + m1 * g + m2 * bl + b0;
      if (three) {
        out[o + channel] = m3 * r + m4 * g + m5 * bl + b1;
        out[o + 2 * channel] = m6 * r + m7 * g + m8 * bl + b2;
      }
    }
  }
}

function gray(p: FusedPlan, src: Uint8Array, out: PassOutput, offset: number, l: OutputLayout): void {
  const { xOffset, yOffset, width, height } = p;
  const xw = p.xs.weight;
  const yw = p.ys.weight;
  const m = p.colour.m[0];
  const b = p.colour.b[0];
  const { row, pixel } = l;
  for (let y = 0; y < height; y++) {
    const wy0 = yw[2 * y];
    const wy1 = yw[2 * y + 1];
    const r0 = yOffset[2 * y];
    const r1 = yOffset[2 * y + 1];
    for (let x = 0, o = offset + y * row; x < width; x++, o += pixel) {
      const c0 = xOffset[2 * x];
      const c1 = xOffset[2 * x + 1];
      const v = wy0 * xw[2 * x] * src[r0 + c0] + wy0 * xw[2 * x + 1] * src[r0 + c1] + wy1 * xw[2 * x] * src[r1 + c0] + wy1 * xw[2 * x + 1] * src[r1 + c1];
      out[o] = m * v + b;
    }
  }
}
