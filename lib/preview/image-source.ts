/**
 * The source of a preview on an uploaded picture: that one picture, as the source's first frame.
 * Converted to the source's gray/RGB setting when it has one, so the rest of the pipeline sees
 * the kind of frame it was built for.
 */
import type { FrameSourceRunner, RunnerContext } from '../pipeline/node-kind';
import { applyOps } from '../pipeline/preprocess/apply-ops';
import { toRgb } from '../pipeline/overlay/to-rgb';
import type { Frame } from '../pipeline/values';

export function imageSource(image: Frame, config: unknown, ctx: RunnerContext): FrameSourceRunner {
  const frame = matchChannels(image, (config as { channels?: unknown } | null)?.channels);
  let given = false;
  return {
    async next(signal) {
      if (given || signal.aborted) return null;
      given = true;
      return { info: { id: `${ctx.stageId}:upload`, seq: 0, origin: 'uploaded image', capturedAt: ctx.services.now() }, values: { frame } };
    },
  };
}

function matchChannels(frame: Frame, wanted: unknown): Frame {
  if (wanted === 'gray' && frame.channels === 3) {
    const gray = applyOps(frame, [{ op: 'grayscale' }]);
    return 'error' in gray ? frame : gray;
  }
  if (wanted === 'rgb' && frame.channels === 1) return toRgb(frame);
  return frame;
}
