/**
 * model.classify — an image classifier (ONNX): the top class, its score and every class's score.
 * Logits are turned into probabilities with softmax unless the model already gives them.
 */
import { z } from 'zod';
import { defineNodeKind } from '../node-kind';
import { problem } from '../problems';
import { findOutput } from '../model-node/find-output';
import { readImageInput, type ImageInput } from '../model-node/image-input';
import { modelParamsShape } from '../model-node/model-params';
import { createModelStage } from '../model-node/model-stage';
import { resolveModelRef } from '../model-node/resolve-model-ref';
import { looksLikeProbabilities, softmax } from '../postprocess/softmax';
import type { Classification } from '../values';

const paramsSchema = z
  .object({
    ...modelParamsShape,
    /** Class names in output order; absent = the class index as text. */
    labels: z.array(z.string().min(1)).optional().describe('Class names, in the order of the model output'),
    softmax: z.enum(['auto', 'always', 'never']).default('auto').describe('Turn logits into probabilities (auto: unless they already are)'),
    output: z.string().min(1).optional().describe('Output to read (default: the first)'),
  })
  .strict();

type Params = z.output<typeof paramsSchema>;
interface Config extends Params {
  input: ImageInput;
  outputName: string;
}

const TITLE = 'Classifier';

export const modelClassify = defineNodeKind({
  kind: 'model.classify',
  title: TITLE,
  category: 'model',
  description: 'Classifies each part image with an ONNX model: top class, score and all class scores.',
  params: paramsSchema,
  inputs: { frame: { type: 'Frame' } },
  outputs: { classes: { type: 'Classification' } },
  compile: (params, ctx) => {
    const ref = resolveModelRef(ctx, params.model, params.precision);
    if (Array.isArray(ref)) return ref;
    const input = readImageInput(ref, ctx, TITLE);
    if (Array.isArray(input)) return input;
    const output = findOutput(ref.info.outputs, params.output);
    if (typeof output === 'string') return [problem('model.unsupported', `${TITLE} "${ctx.nodeId}": model ${ref.info.path} ${output}`, { nodeId: ctx.nodeId, path: ['output'] })];
    const classes = output.shape.slice(1).reduce<number | undefined>((n, d) => (typeof d === 'number' && d > 0 && n !== undefined ? n * d : undefined), 1);
    if (params.labels && classes !== undefined && params.labels.length !== classes) {
      return [
        problem('node.bad-params', `${TITLE} "${ctx.nodeId}": ${params.labels.length} labels for a model with ${classes} classes`, { nodeId: ctx.nodeId, path: ['labels'] }),
      ];
    }
    const config: Config = { ...params, input, outputName: output.name };
    return { config, model: ref };
  },
  createStage: (config, ctx, stage) => {
    const c = config as Config;
    return createModelStage(ctx, stage, c.input, (outputs) => ({ classes: classify(outputs.get(c.outputName)?.data, c) }));
  },
});

function classify(raw: Float32Array | undefined, c: Config): Classification {
  if (!raw || raw.length === 0) throw new Error(`output "${c.outputName}" is missing or empty`);
  const probabilities = c.softmax === 'always' || (c.softmax === 'auto' && !looksLikeProbabilities(raw));
  const scores = probabilities ? softmax(raw) : Array.from(raw);
  let classId = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i] > scores[classId]) classId = i;
  return { classId, label: c.labels?.[classId] ?? String(classId), score: scores[classId], scores };
}
