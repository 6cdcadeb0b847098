/**
 * The row-pass WebAssembly kernel (row-pass.wat), instantiated once per thread, and the layout of
 * its memory that the passes using it share: the colour map first, then a strip's source rows, then
 * its output planes.
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

/** Where a strip's source bytes start: after the colour map (12 f64) and the per-channel form (6 f64). */
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
 * What the SIMD passes share: a strip of output rows at a time, the source rows it reads are
 * copied into the kernel's memory, `run` goes over each run of consecutive source pixels (the
 * whole strip at once where its rows follow one another in the source), then `copyOut` takes the
 * strip while it is still in cache. Source and output strips stay in the core's cache: the frame is
 * read once and the tensor written once (copying the whole frame in first cost a fifth more). False
 * (nothing written) when the memory cannot grow.
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
  const x0 = p.xOffset[0];
  const rowIn = width * frame.channels;
  const rowBytes = width * out.bytesPerValue;
  const stripRows = Math.max(1, Math.min(height, Math.floor(STRIP_BYTES / (rowBytes * out.planes))));
  const layout = { outAt: SOURCE_AT + align16(stripRows * rowIn), stripRows, stripPlane: stripRows * rowBytes };
  if (!ensureMemory(kernel.memory, layout.outAt + layout.stripPlane * out.planes)) return false;
  const source = new Uint8Array(kernel.memory.buffer, SOURCE_AT, stripRows * rowIn);
  const wholeRun = readsOneRun(p, frame);
  for (let y0 = 0; y0 < height; y0 += stripRows) {
    const rows = Math.min(stripRows, height - y0);
    if (wholeRun) {
      const from = yOffset[y0] + x0;
      source.set(frame.data.subarray(from, from + rows * rowIn));
      run(SOURCE_AT, rows * width, 0, layout);
    } else {
      for (let r = 0; r < rows; r++) {
        const from = yOffset[y0 + r] + x0;
        source.set(frame.data.subarray(from, from + rowIn), r * rowIn);
        run(SOURCE_AT + r * rowIn, width, r * rowBytes, layout);
      }
    }
    copyOut(y0, rows, layout);
  }
  return true;
}
