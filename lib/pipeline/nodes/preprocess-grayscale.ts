/** preprocess.grayscale — colour to one gray channel (BT.601 luma); gray frames pass unchanged. */
import { z } from 'zod';
import { defineNodeKind } from '../node-kind';
import type { PreprocessOp } from '../preprocess-ops';
import { preprocessStage } from '../preprocess/preprocess-stage';
import { shapeAfterOp } from '../preprocess/shape-after-ops';

const OP: PreprocessOp = { op: 'grayscale' };

export const preprocessGrayscale = defineNodeKind({
  kind: 'preprocess.grayscale',
  title: 'Grayscale',
  category: 'preprocess',
  description: 'Converts colour frames to one gray channel (0.299 R + 0.587 G + 0.114 B). In front of a model it is fused into the model input pass.',
  params: z.object({}).strict(),
  inputs: { frame: { type: 'Frame' } },
  outputs: { frame: { type: 'Frame' } },
  toPreprocessOp: () => OP,
  compile: (_p, ctx) => ({ config: OP, frameShape: shapeAfterOp(ctx.frameShape, OP) }),
  createStage: async (_config, ctx) => preprocessStage(OP, ctx.maxBatch),
});
