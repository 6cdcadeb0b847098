/** preprocess.resize — scale the frame to a fixed size (bilinear or nearest neighbour). */
import { z } from 'zod';
import { defineNodeKind } from '../node-kind';
import type { PreprocessOp } from '../preprocess-ops';
import { preprocessStage } from '../preprocess/preprocess-stage';
import { shapeAfterOp } from '../preprocess/shape-after-ops';

const side = z.number().int().min(1).max(16384);
const paramsSchema = z
  .object({
    width: side.default(224).describe('Output width in pixels'),
    height: side.default(224).describe('Output height in pixels'),
    filter: z.enum(['bilinear', 'nearest']).default('bilinear'),
  })
  .strict();

export const preprocessResize = defineNodeKind({
  kind: 'preprocess.resize',
  title: 'Resize',
  category: 'preprocess',
  description: 'Scales the frame to a fixed width and height. In front of a model it is fused into the model input pass.',
  params: paramsSchema,
  inputs: { frame: { type: 'Frame' } },
  outputs: { frame: { type: 'Frame' } },
  toPreprocessOp: (p): PreprocessOp => ({ op: 'resize', width: p.width, height: p.height, filter: p.filter }),
  compile: (p, ctx) => {
    const op: PreprocessOp = { op: 'resize', width: p.width, height: p.height, filter: p.filter };
    return { config: op, frameShape: shapeAfterOp(ctx.frameShape, op) };
  },
  createStage: async (config, ctx) => preprocessStage(config as PreprocessOp, ctx.maxBatch),
});
