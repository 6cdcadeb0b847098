/**
 * The byte pass (../byte-pass.ts) for RGB rows in WebAssembly SIMD: sixteen pixels split into
 * three planes per step. Like the float row pass, it copies the frame's bytes into the kernel's
 * memory and the planes out into the tensor a strip of rows at a time.
 */
import type { Frame } from '../../values';
import type { FusedPlan } from '../fused-plan';
import { inStrips, rowPassKernel } from './row-pass-kernel';

/** For an RGB frame whose plan reads whole rows; false when this engine cannot run the kernel (nothing written then). */
export function simdBytePass(p: FusedPlan, frame: Frame, out: Uint8Array, offset: number, planeOf: readonly number[]): boolean {
  const kernel = rowPassKernel();
  if (!kernel) return false;
  const plane = p.width * p.height;
  return inStrips(
    kernel,
    p,
    frame,
    { planes: 3, bytesPerValue: 1 },
    (src, n, rowAt, { outAt, stripPlane }) => {
      const [r, g, b] = planeOf.map((c) => outAt + c * stripPlane + rowAt);
      kernel.split(src, n, r, g, b);
    },
    (y0, rows, { outAt, stripPlane }) => {
      for (let c = 0; c < 3; c++) out.set(new Uint8Array(kernel.memory.buffer, outAt + c * stripPlane, rows * p.width), offset + c * plane + y0 * p.width);
    },
  );
}
