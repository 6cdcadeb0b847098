/**
 * model.detect — an object detector (ONNX): boxes with class and score, after class-aware NMS,
 * in the pixel coordinates of the frame that entered preprocessing. Decoders: FastestDet's grid
 * head, YOLO rows, and SSD scores + normalised corner boxes (UltraFace).
 */
import { z } from 'zod';
import { defineNodeKind, type CompileContext } from '../node-kind';
import type { ModelRef } from '../plan';
import { problem, type Problem } from '../problems';
import { readImageInput, type ImageInput } from '../model-node/image-input';
import { modelParamsShape } from '../model-node/model-params';
import { createModelStage } from '../model-node/model-stage';
import { resolveModelRef } from '../model-node/resolve-model-ref';
import { detectOutputs, type DetectOutputs } from '../model-node/detect-outputs';
import { decodeDetections } from '../model-node/decode-detections';

const paramsSchema = z
  .object({
    ...modelParamsShape,
    decoder: z.enum(['yolo', 'fastestdet', 'ssd']).default('yolo').describe('How to read the model output'),
    labels: z.array(z.string().min(1)).optional().describe('Class names, in the order of the model output'),
    scoreThreshold: z.number().min(0).max(1).default(0.5),
    iouThreshold: z.number().min(0).max(1).default(0.45).describe('Boxes of one class overlapping more than this are merged (NMS)'),
    maxDetections: z.number().int().min(1).max(10000).default(100),
    /** YOLO only: whether rows carry an objectness column (v5/v7) or not (v8+); auto guesses from the layout. */
    objectness: z.enum(['auto', 'yes', 'no']).default('auto'),
    output: z.string().min(1).optional().describe('Output to read (yolo, fastestdet); default: found by shape'),
    scoresOutput: z.string().min(1).optional().describe('SSD scores output; default: found by shape'),
    boxesOutput: z.string().min(1).optional().describe('SSD boxes output; default: found by shape'),
  })
  .strict();

export type DetectParams = z.output<typeof paramsSchema>;
export interface DetectConfig extends DetectParams {
  input: ImageInput;
  outputs: DetectOutputs;
}

const TITLE = 'Detector';

export const modelDetect = defineNodeKind({
  kind: 'model.detect',
  title: TITLE,
  category: 'model',
  description: 'Finds objects or defects with an ONNX detector (YOLO, FastestDet, SSD/UltraFace): boxes, classes and scores after NMS.',
  params: paramsSchema,
  inputs: { frame: { type: 'Frame' } },
  outputs: { detections: { type: 'Detections' } },
  compile: (params, ctx) => compileDetect(params, ctx),
  createStage: (config, ctx, stage) => {
    const c = config as DetectConfig;
    return createModelStage(ctx, stage, c.input, (outputs, item) => ({ detections: decodeDetections(outputs, item, c) }));
  },
});

function compileDetect(params: DetectParams, ctx: CompileContext): { config: DetectConfig; model: ModelRef } | Problem[] {
  const ref = resolveModelRef(ctx, params.model, params.precision);
  if (Array.isArray(ref)) return ref;
  const input = readImageInput(ref, ctx, TITLE);
  if (Array.isArray(input)) return input;
  const outputs = detectOutputs(params, ref.info.outputs);
  if (typeof outputs === 'string') {
    return [problem('model.unsupported', `${TITLE} "${ctx.nodeId}": model ${ref.info.path} ${outputs}`, { nodeId: ctx.nodeId, path: ['decoder'] })];
  }
  if (params.labels && outputs.classes !== undefined && params.labels.length !== outputs.classes && !(params.decoder === 'ssd' && params.labels.length === outputs.classes - 1)) {
    return [problem('node.bad-params', `${TITLE} "${ctx.nodeId}": ${params.labels.length} labels for a model with ${outputs.classes} classes`, { nodeId: ctx.nodeId, path: ['labels'] })];
  }
  return { config: { ...params, input, outputs }, model: ref };
}
