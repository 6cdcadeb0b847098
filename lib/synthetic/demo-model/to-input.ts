/**
 * Frames → the demo model's input tensor data: gray, pixel/255, NCHW. RGB frames are converted
 * with the same luma weights as preprocess.grayscale, so scripts and tests see what a pipeline sees.
 */
import type { Frame } from '@/lib/pipeline/values';

export function framesToInput(frames: Frame[], size: number): Float32Array {
  const plane = size * size;
  const out = new Float32Array(frames.length * plane);
  frames.forEach((f, n) => {
    if (f.width !== size || f.height !== size) throw new Error(`demo model input is ${size}×${size}, frame is ${f.width}×${f.height}`);
    const base = n * plane;
    if (f.channels === 1) {
      for (let i = 0; i < plane; i++) out[base + i] = f.data[i] / 255;
    } else {
      for (let i = 0; i < plane; i++) {
        out[base + i] = (0.299 * f.data[3 * i] + 0.587 * f.data[3 * i + 1] + 0.114 * f.data[3 * i + 2]) / 255;
      }
    }
  });
  return out;
}
