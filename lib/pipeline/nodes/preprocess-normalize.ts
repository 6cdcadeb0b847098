/**
 * preprocess.normalize — model input scaling: (pixel · scale − mean) / std per channel, channels
 * in RGB or BGR order. mean and std are listed in that order. It only affects a model's input
 * tensor; a frame passed on to anything else is left as viewable pixels.
 */
import { z } from 'zod';
import { defineNodeKind } from '../node-kind';
import type { PreprocessOp } from '../preprocess-ops';
import { problem } from '../problems';
import { preprocessStage } from '../preprocess/preprocess-stage';

const perChannel = z
  .array(z.number().finite())
  .refine((a) => a.length === 1 || a.length === 3, 'give 1 value (all channels) or 3 (one per channel)');
const paramsSchema = z
  .object({
    scale: z.number().finite().default(1 / 255).describe('Pixel values are multiplied by this first'),
    mean: perChannel.default([0]).describe('Subtracted after scaling, per channel'),
    std: perChannel.refine((a) => a.every((v) => v !== 0), 'std must not be 0').default([1]).describe('Divides after subtracting the mean, per channel'),
    order: z.enum(['rgb', 'bgr']).default('rgb').describe('Channel order the model expects'),
  })
  .strict();

type Params = z.output<typeof paramsSchema>;
const toOp = (p: Params): PreprocessOp => ({ op: 'normalize', scale: p.scale, mean: p.mean, std: p.std, order: p.order });

export const preprocessNormalize = defineNodeKind({
  kind: 'preprocess.normalize',
  title: 'Normalize',
  category: 'preprocess',
  description: 'Scales pixel values for a model: (pixel × scale − mean) / std per channel, in RGB or BGR order. Fused into the model input pass.',
  params: paramsSchema,
  inputs: { frame: { type: 'Frame' } },
  outputs: { frame: { type: 'Frame' } },
  toPreprocessOp: toOp,
  compile: (p, ctx) => {
    if (ctx.frameShape.channels === 1) {
      for (const key of ['mean', 'std'] as const) {
        if (p[key].length === 3) {
          return [problem('node.bad-params', `Normalize "${ctx.nodeId}": 3 ${key} values for a gray (1-channel) frame; give 1`, { nodeId: ctx.nodeId, path: [key] })];
        }
      }
    }
    return { config: toOp(p), frameShape: { ...ctx.frameShape } };
  },
  createStage: async (config, ctx) => preprocessStage(config as PreprocessOp, ctx.maxBatch),
});
