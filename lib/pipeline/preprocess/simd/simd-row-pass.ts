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
import { readsOneRun } from '../row-pass';
import { ROW_PASS_WASM } from './row-pass-wasm';

interface Kernel {
  memory: WebAssembly.Memory;
  rgb(src: number, n: number, o0: number, o1: number, o2: number, three: number): void;
  planes(src: number, n: number, or: number, og: number, ob: number): void;
  gray(src: number, n: number, out: number): void;
}

/** Where the source bytes start: after the colour map (12 f64) and the per-channel form (6 f64). */
const SOURCE_AT = 160;
const PAGE = 65536;
/** Output bytes per strip: small enough to stay in the core's cache until copied out. */
export const STRIP_BYTES = 32 * 1024;

let kernel: Kernel | null | undefined;

function instantiate(): Kernel | null {
  try {
    const bytes = Uint8Array.from(atob(ROW_PASS_WASM), (c) => c.charCodeAt(0));
    const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as Kernel;
    return exports;
  } catch {
    // No WebAssembly, or no SIMD in it: the JavaScript pass does the work.
    return null;
  }
}

/** Writes what rowPass writes; false when this engine cannot run the kernel (nothing written then). */
export function simdRowPass(p: FusedPlan, frame: Frame, out: Float32Array, offset: number): boolean {
  kernel ??= instantiate();
  if (!kernel) return false;
  const { width, height, yOffset } = p;
  const { outChannels } = p.colour;
  const channels = frame.channels;
  const first = yOffset[0] + p.xOffset[0];
  const last = yOffset[height - 1] + p.xOffset[0] + width * channels;
  const plane = width * height;
  // A strip of rows at a time, each copied out while still in cache: the tensor is written once,
  // rather than all planes written here and then read back from memory to be copied.
  const stripRows = Math.max(1, Math.min(height, Math.floor(STRIP_BYTES / (width * outChannels * 4))));
  const stripPlane = stripRows * width * 4;
  const outAt = SOURCE_AT + align16(last - first);
  if (!ensureMemory(kernel.memory, outAt + stripPlane * outChannels)) return false;
  const buffer = kernel.memory.buffer;
  const { map, planeOf } = colourMap(p);
  new Float64Array(buffer, 0, map.length).set(map);
  new Uint8Array(buffer, SOURCE_AT, last - first).set(frame.data.subarray(first, last));
  const three = outChannels === 3 ? 1 : 0;
  const wholeRun = readsOneRun(p, frame);
  const planes = Array.from({ length: outChannels }, (_, c) => new Float32Array(buffer, outAt + c * stripPlane, stripRows * width));
  for (let y0 = 0; y0 < height; y0 += stripRows) {
    const rows = Math.min(stripRows, height - y0);
    const runs = wholeRun ? 1 : rows;
    const n = wholeRun ? rows * width : width;
    for (let r = 0; r < runs; r++) {
      const src = SOURCE_AT + yOffset[y0 + r] + p.xOffset[0] - first;
      const o = outAt + r * width * 4;
      if (channels === 1) kernel.gray(src, n, o);
      else if (planeOf) kernel.planes(src, n, o + planeOf[0] * stripPlane, o + planeOf[1] * stripPlane, o + planeOf[2] * stripPlane);
      else kernel.rgb(src, n, o, o + stripPlane, o + stripPlane * 2, three);
    }
    for (let c = 0; c < outChannels; c++) {
      out.set(rows === stripRows ? planes[c] : planes[c].subarray(0, rows * width), offset + c * plane + y0 * width);
    }
  }
  return true;
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

/** Grows the kernel's memory to hold `bytes` (it never shrinks: frames keep their size); false when it cannot. */
function ensureMemory(memory: WebAssembly.Memory, bytes: number): boolean {
  const missing = bytes - memory.buffer.byteLength;
  if (missing <= 0) return true;
  try {
    memory.grow(Math.ceil(missing / PAGE));
    return true;
  } catch {
    return false;
  }
}

function align16(n: number): number {
  return (n + 15) & ~15;
}
