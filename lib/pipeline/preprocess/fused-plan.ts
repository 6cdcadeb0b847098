/**
 * The plan of one fused pass for one source frame size: per-axis taps for the geometric ops and
 * one affine colour map for the colour ops. Plans depend only on (width, height, channels), so a
 * kernel builds one per frame size and reuses it.
 */
import type { PreprocessOp } from '../preprocess-ops';
import { axisTaps, type AxisTaps } from './axis-taps';
import { colourAffine, type ColourAffine } from './colour-affine';

export interface FusedPlan {
  width: number;
  height: number;
  channels: 1 | 3;
  xs: AxisTaps;
  ys: AxisTaps;
  /** Source element offset of each x tap (index × channels) and each y tap (index × row length). */
  xOffset: Int32Array;
  yOffset: Int32Array;
  colour: ColourAffine;
}

export interface SourceShape {
  width: number;
  height: number;
  channels: 1 | 3;
}

export function planFusedPass(ops: readonly PreprocessOp[], source: SourceShape): FusedPlan | { error: string } {
  const geometric = ops.filter((o): o is Extract<PreprocessOp, { op: 'crop' | 'resize' }> => o.op === 'crop' || o.op === 'resize');
  const colourOps = ops.filter((o): o is Extract<PreprocessOp, { op: 'grayscale' | 'normalize' }> => o.op === 'grayscale' || o.op === 'normalize');
  const xs = axisTaps(source.width, geometric, 'x');
  if (typeof xs === 'string') return { error: xs };
  const ys = axisTaps(source.height, geometric, 'y');
  if (typeof ys === 'string') return { error: ys };
  const colour = colourAffine(source.channels, colourOps);
  if (typeof colour === 'string') return { error: colour };
  const row = source.width * source.channels;
  return {
    width: xs.size,
    height: ys.size,
    channels: colour.outChannels,
    xs,
    ys,
    xOffset: xs.index.map((i) => i * source.channels),
    yOffset: ys.index.map((i) => i * row),
    colour,
  };
}
