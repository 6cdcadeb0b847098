/**
 * The row pass (../row-pass.ts) in WebAssembly SIMD (kernel: row-pass.wat): the same values, bit
 * for bit, in about half the JavaScript pass's time (a 352×352 RGB frame: ~0.4 ms against ~0.65 ms
 * inside a running pipeline, on the thread that also runs everything else). The kernel works in
 * its own memory, so the frame's bytes are copied in and the planes copied out into the tensor, a
 * strip of rows at a time (see STRIP_BYTES); the times include both copies. Where WebAssembly SIMD
 * is missing (an old browser) or its memory cannot grow, `simdRowPass` says so and the caller uses
 * the JavaScript pass.
 */
import type { Frame } from '../../values';
import type { FusedPlan } from '../fused-plan';
import { inStrips, rowPassKernel } from './row-pass-kernel';

export { STRIP_BYTES } from './row-pass-kernel';

/** Writes what rowPass writes; false when this engine cannot run the kernel (nothing written then). */
export function simdRowPass(p: FusedPlan, frame: Frame, out: Float32Array, offset: number): boolean {
  const kernel = rowPassKernel();
  if (!kernel) return false;
  const { width, height } = p;
  const { outChannels } = p.colour;
  const plane = width * height;
  const { map, planeOf } = colourMap(p);
  new Float64Array(kernel.memory.buffer, 0, map.length).set(map);
  const three = outChannels === 3 ? 1 : 0;
  return inStrips(
    kernel,
    p,
    frame,
    { planes: outChannels, bytesPerValue: 4 },
    (src, n, rowAt, { outAt, stripPlane }) => {
      const o = outAt + rowAt;
      if (frame.channels === 1) kernel.gray(src, n, o);
      else if (planeOf) kernel.planes(src, n, o + planeOf[0] * stripPlane, o + planeOf[1] * stripPlane, o + planeOf[2] * stripPlane);
      else kernel.rgb(src, n, o, o + stripPlane, o + stripPlane * 2, three);
    },
    (y0, rows, { outAt, stripPlane }) => {
      for (let c = 0; c < outChannels; c++) out.set(new Float32Array(kernel.memory.buffer, outAt + c * stripPlane, rows * width), offset + c * plane + y0 * width);
    },
  );
}

/** The kernel's coefficient block for a plan, worked out once per plan (plans are cached per frame size). */
const maps = new WeakMap<FusedPlan, { map: Float64Array; planeOf: number[] | null }>();

function colourMap(p: FusedPlan): { map: Float64Array; planeOf: number[] | null } {
  let found = maps.get(p);
  if (!found) {
    const { m, b, inChannels, outChannels } = p.colour;
    const map = new Float64Array(18);
    map.set(m);
    map.set(b, 9);
    found = { map, planeOf: inChannels === 3 && outChannels === 3 ? perChannel(m, b, map) : null };
    maps.set(p, found);
  }
  return found;
}

/**
 * When each output channel is one source channel scaled and shifted (a normalize, perhaps from BGR),
 * writes that form at 12.. of the block (scales by source channel, then biases) and returns the
 * plane each source channel goes to. The full map's extra terms are then +0 products, which change
 * nothing but a zero's sign, and only when the bias is -0: that case keeps the full kernel, so
 * results stay bit-identical.
 */
function perChannel(m: Float64Array, b: Float64Array, map: Float64Array): number[] | null {
  const planeOf = [-1, -1, -1];
  for (let c = 0; c < 3; c++) {
    const sources = [0, 1, 2].filter((k) => !Object.is(m[c * 3 + k], 0));
    if (sources.length !== 1 || Object.is(b[c], -0)) return null;
    const k = sources[0];
    if (planeOf[k] >= 0 || Object.is(m[c * 3 + k], -0)) return null;
    planeOf[k] = c;
    map[12 + k] = m[c * 3 + k];
    map[15 + k] = b[c];
  }
  return planeOf;
}

