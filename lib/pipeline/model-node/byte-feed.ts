/**
 * Whether a model stage can feed its model 8-bit pixels rather than floats. It can when every
 * value of the fused pass is one source byte scaled and shifted: no interpolation (crop and
 * nearest resize only pick pixels), no grayscale (a weighted sum of channels), only normalize,
 * which maps each model channel from one source channel. The model then does the scale and shift
 * itself (ByteInput), and the pass only picks bytes, and splits them into planes where the model
 * cannot read them interleaved (ByteLayout): a quarter of the memory written and handed to the
 * inference thread, and no float arithmetic on the JS thread.
 */
import type { PreprocessOp } from '../preprocess-ops';
import { colourAffine } from '../preprocess/colour-affine';
import type { ByteInput } from '../runtime/services';
import type { ImageInput } from './image-input';

export function byteFeedFor(ops: readonly PreprocessOp[], image: ImageInput): ByteInput | undefined {
  const picksPixels = ops.every((o) => o.op === 'crop' || o.op === 'normalize' || (o.op === 'resize' && o.filter === 'nearest'));
  if (!picksPixels || image.channels === undefined) return undefined;
  const channels = image.channels;
  const affine = colourAffine(channels, ops.filter((o): o is Extract<PreprocessOp, { op: 'normalize' }> => o.op === 'normalize'));
  if (typeof affine === 'string' || affine.outChannels !== channels) return undefined;
  const scale: number[] = [];
  const bias: number[] = [];
  const planeOf: number[] = new Array<number>(channels).fill(-1);
  for (let c = 0; c < channels; c++) {
    const sources = [...Array(channels).keys()].filter((k) => affine.m[c * channels + k] !== 0);
    if (sources.length !== 1 || planeOf[sources[0]] >= 0) return undefined;
    planeOf[sources[0]] = c;
    scale.push(affine.m[c * channels + sources[0]]);
    bias.push(affine.b[c]);
  }
  return { input: image.name, scale, bias, planeOf };
}
