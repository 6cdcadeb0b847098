/**
 * How a model stage fills one run's input: every item of the batch written by the fused kernel into
 * an array the session recycles where it can, as floats or, for a model fed bytes (byte-feed), as
 * the picked bytes. The arrays are filled whole, so a recycled one's stale contents never show.
 */
import type { FusedKernel } from '../preprocess/fused-kernel';
import type { ModelSession } from '../runtime/services';
import type { Frame } from '../values';

export type InputFill = (session: ModelSession, frames: readonly Frame[], size: number) => Float32Array | Uint8Array;

export function inputFill(kernel: FusedKernel, planeOf?: readonly number[]): InputFill {
  if (planeOf) {
    return (session, frames, size) => {
      const data = session.inputBytes?.(frames.length * size) ?? new Uint8Array(frames.length * size);
      frames.forEach((frame, i) => kernel.writeBytes(frame, data, i * size, planeOf));
      return data;
    };
  }
  return (session, frames, size) => {
    const data = session.inputArray?.(frames.length * size) ?? new Float32Array(frames.length * size);
    frames.forEach((frame, i) => kernel.writeTensor(frame, data, i * size));
    return data;
  };
}
