/** preprocess.crop — keep a region of interest (x, y, width, height in pixels). */
import { z } from 'zod';
import { defineNodeKind } from '../node-kind';
import type { PreprocessOp } from '../preprocess-ops';
import { problem } from '../problems';
import { preprocessStage } from '../preprocess/preprocess-stage';
import { shapeAfterOp } from '../preprocess/shape-after-ops';

const paramsSchema = z
  .object({
    x: z.number().int().min(0).default(0).describe('Left edge of the region, pixels'),
    y: z.number().int().min(0).default(0).describe('Top edge of the region, pixels'),
    width: z.number().int().min(1).max(65536).default(256).describe('Region width, pixels'),
    height: z.number().int().min(1).max(65536).default(256).describe('Region height, pixels'),
  })
  .strict();

export const preprocessCrop = defineNodeKind({
  kind: 'preprocess.crop',
  title: 'Crop (ROI)',
  category: 'preprocess',
  description: 'Keeps only a region of interest of the frame. In front of a model it is fused into the model input pass.',
  params: paramsSchema,
  inputs: { frame: { type: 'Frame' } },
  outputs: { frame: { type: 'Frame' } },
  toPreprocessOp: (p): PreprocessOp => ({ op: 'crop', ...p }),
  compile: (p, ctx) => {
    const { width: W, height: H } = ctx.frameShape;
    const problems = [];
    if (W !== undefined && p.x + p.width > W) {
      problems.push(problem('node.bad-params', `Crop "${ctx.nodeId}": the region spans x ${p.x}…${p.x + p.width} but the frame is only ${W} pixels wide`, { nodeId: ctx.nodeId, path: ['width'] }));
    }
    if (H !== undefined && p.y + p.height > H) {
      problems.push(problem('node.bad-params', `Crop "${ctx.nodeId}": the region spans y ${p.y}…${p.y + p.height} but the frame is only ${H} pixels high`, { nodeId: ctx.nodeId, path: ['height'] }));
    }
    if (problems.length) return problems;
    const op: PreprocessOp = { op: 'crop', ...p };
    return { config: op, frameShape: shapeAfterOp(ctx.frameShape, op) };
  },
  createStage: async (config, ctx) => preprocessStage(config as PreprocessOp, ctx.maxBatch),
});
