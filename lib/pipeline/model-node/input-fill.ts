/**
 * How a model stage fills one run's input: every item of the batch written by the fused kernel into
 * an array the session recycles where it can, as floats or, for a session that takes bytes
 * (byte-feed), as the picked bytes in the session's layout: interleaved pixels as the camera wrote
 * them, or split into the model's channel planes. The arrays are filled whole, so a recycled one's
 * stale contents never show.
 */
import type { FusedKernel } from '../preprocess/fused-kernel';
import type { FusedPlan } from '../preprocess/fused-plan';
import type { ByteInput, FeedTensor, ModelSession } from '../runtime/services';
import type { Frame } from '../values';

export type InputFill = (session: ModelSession, frames: readonly Frame[], item: FusedPlan) => FeedTensor;

export function inputFill(kernel: FusedKernel, bytes?: ByteInput): InputFill {
  return (session, frames, { channels, height, width }) => {
    const size = channels * height * width;
    const n = frames.length;
    const layout = bytes ? session.byteLayout : undefined;
    if (layout === 'nhwc') {
      const data = session.inputBytes?.(n * size) ?? new Uint8Array(n * size);
      frames.forEach((frame, i) => kernel.writePixels(frame, data, i * size));
      return { dims: [n, height, width, channels], data };
    }
    if (layout === 'nchw') {
      const data = session.inputBytes?.(n * size) ?? new Uint8Array(n * size);
      frames.forEach((frame, i) => kernel.writeBytes(frame, data, i * size, bytes!.planeOf));
      return { dims: [n, channels, height, width], data };
    }
    const data = session.inputArray?.(n * size) ?? new Float32Array(n * size);
    frames.forEach((frame, i) => kernel.writeTensor(frame, data, i * size));
    return { dims: [n, channels, height, width], data };
  };
}
