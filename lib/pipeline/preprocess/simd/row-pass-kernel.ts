/**
 * The row-pass WebAssembly kernel (row-pass.wat), instantiated once per thread, and the layout of
 * its memory that the passes using it share: the colour map first, then the source bytes, then
 * the output strips.
 */
import type { Frame } from '../../values';
import type { FusedPlan } from '../fused-plan';
import { readsOneRun } from '../row-pass';
import { ROW_PASS_WASM } from './row-pass-wasm';

export interface RowPassKernel {
  memory: WebAssembly.Memory;
  rgb(src: number, n: number, o0: number, o1: number, o2: number, three: number): void;
  planes(src: number, n: number, or: number, og: number, ob: number): void;
  gray(src: number, n: number, out: number): void;
  split(src: number, n: number, pr: number, pg: number, pb: number): void;
}

/** Where the source bytes start: after the colour map (12 f64) and the per-channel form (6 f64). */
const SOURCE_AT = 160;
const PAGE = 65536;
/** Output bytes per strip: small enough to stay in the core's cache until copied out. */
export const STRIP_BYTES = 32 * 1024;

let kernel: RowPassKernel | null | undefined;

/** The kernel, or null where this engine has no WebAssembly SIMD (the JavaScript passes do the work then). */
export function rowPassKernel(): RowPassKernel | null {
  if (kernel === undefined) {
    try {
      const bytes = Uint8Array.from(atob(ROW_PASS_WASM), (c) => c.charCodeAt(0));
      kernel = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as RowPassKernel;
    } catch {
      kernel = null;
    }
  }
  return kernel;
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

/** Where a pass's strips of output planes sit in the kernel's memory. */
export interface StripLayout {
  /** Address of the first plane's strip; plane c's is at outAt + c · stripPlane. */
  outAt: number;
  stripRows: number;
  /** Bytes of one plane's strip. */
  stripPlane: number;
}

/**
 * What the SIMD passes share: the frame's rows that the plan reads copied into the kernel's
 * memory, then a strip of output rows at a time: `run` for each run of consecutive source pixels
 * (the whole strip at once where rows follow one another in the source), then `copyOut` while the
 * strip is still in cache, so the tensor is written once. False (nothing written) when the
 * memory cannot grow.
 */
export function inStrips(
  kernel: RowPassKernel,
  p: FusedPlan,
  frame: Frame,
  out: { planes: number; bytesPerValue: number },
  run: (src: number, n: number, rowAt: number, layout: StripLayout) => void,
  copyOut: (y0: number, rows: number, layout: StripLayout) => void,
): boolean {
  const { width, height, yOffset } = p;
  const first = yOffset[0] + p.xOffset[0];
  const last = yOffset[height - 1] + p.xOffset[0] + width * frame.channels;
  const rowBytes = width * out.bytesPerValue;
  const stripRows = Math.max(1, Math.min(height, Math.floor(STRIP_BYTES / (rowBytes * out.planes))));
  const layout = { outAt: SOURCE_AT + align16(last - first), stripRows, stripPlane: stripRows * rowBytes };
  if (!ensureMemory(kernel.memory, layout.outAt + layout.stripPlane * out.planes)) return false;
  new Uint8Array(kernel.memory.buffer, SOURCE_AT, last - first).set(frame.data.subarray(first, last));
  const wholeRun = readsOneRun(p, frame);
  for (let y0 = 0; y0 < height; y0 += stripRows) {
    const rows = Math.min(stripRows, height - y0);
    const runs = wholeRun ? 1 : rows;
    const n = wholeRun ? rows * width : width;
    for (let r = 0; r < runs; r++) run(SOURCE_AT + yOffset[y0 + r] + p.xOffset[0] - first, n, r * rowBytes, layout);
    copyOut(y0, rows, layout);
  }
  return true;
}
