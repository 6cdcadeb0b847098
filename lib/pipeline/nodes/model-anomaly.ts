/**
 * model.anomaly — an anomaly model (ONNX): a per-pixel anomaly map and an image-level score.
 * Outputs are found by shape unless named: a 4-D output is the map ([N, 1, h, w]); an output with
 * one value per image is the score. A model with only a map scores each image by its maximum.
 */
import { z } from 'zod';
import { defineNodeKind } from '../node-kind';
import type { TensorInfo } from '../plan';
import { problem } from '../problems';
import { findOutput } from '../model-node/find-output';
import { readImageInput, type ImageInput } from '../model-node/image-input';
import { modelParamsShape } from '../model-node/model-params';
import { createModelStage } from '../model-node/model-stage';
import { resolveModelRef } from '../model-node/resolve-model-ref';
import type { AnomalyMap, Tensor } from '../values';

const paramsSchema = z
  .object({
    ...modelParamsShape,
    mapOutput: z.string().min(1).optional().describe('Output holding the anomaly map (default: the 4-D output)'),
    scoreOutput: z.string().min(1).optional().describe('Output holding the image score (default: the one-value output; else the map maximum)'),
  })
  .strict();

type Params = z.output<typeof paramsSchema>;
interface Config extends Params {
  input: ImageInput;
  map: string;
  score?: string;
}

const TITLE = 'Anomaly model';
const isMap = (t: TensorInfo) => t.shape.length === 4 || t.shape.length === 3;
const isScore = (t: TensorInfo) => t.shape.length <= 2 && t.shape.slice(1).every((d) => d === 1);

export const modelAnomaly = defineNodeKind({
  kind: 'model.anomaly',
  title: TITLE,
  category: 'model',
  description: 'Scores each part image with an ONNX anomaly model: an anomaly map (where) and a score (how much).',
  params: paramsSchema,
  inputs: { frame: { type: 'Frame' } },
  outputs: { anomaly: { type: 'AnomalyMap' } },
  compile: (params, ctx) => {
    const ref = resolveModelRef(ctx, params.model, params.precision);
    if (Array.isArray(ref)) return ref;
    const input = readImageInput(ref, ctx, TITLE);
    if (Array.isArray(input)) return input;
    const fail = (why: string, path: string) => [problem('model.unsupported', `${TITLE} "${ctx.nodeId}": model ${ref.info.path} ${why}`, { nodeId: ctx.nodeId, path: [path] })];
    const map = findOutput(ref.info.outputs, params.mapOutput, isMap);
    if (typeof map === 'string') return fail(`${map}; an anomaly map is [batch, 1, height, width]`, 'mapOutput');
    const channels = map.shape.length === 4 ? map.shape[1] : 1;
    if (typeof channels === 'number' && channels !== 1) return fail(`map output "${map.name}" has ${channels} channels; an anomaly map has 1`, 'mapOutput');
    const others = ref.info.outputs.filter((o) => o.name !== map.name);
    const score = params.scoreOutput !== undefined || others.some(isScore) ? findOutput(others, params.scoreOutput, isScore) : undefined;
    if (typeof score === 'string') return fail(score, 'scoreOutput');
    const config: Config = { ...params, input, map: map.name, score: score?.name };
    return { config, model: ref };
  },
  createStage: (config, ctx, stage) => {
    const c = config as Config;
    return createModelStage(ctx, stage, c.input, (outputs) => ({ anomaly: toAnomaly(outputs.get(c.map), c.score ? outputs.get(c.score) : undefined) }));
  },
});

function toAnomaly(map: Tensor | undefined, score: Tensor | undefined): AnomalyMap {
  if (!map) throw new Error('the model gave no anomaly map');
  const [height, width] = map.dims.slice(-2);
  if (!(height * width === map.data.length)) throw new Error(`anomaly map of shape [${map.dims.join(', ')}] is not one h×w plane`);
  // The item's own copy (slice is a block copy; from() would walk an iterator), so the batch's
  // output buffer is not kept alive by one part's map.
  const data = map.data.slice();
  let value = score?.data[0];
  if (value === undefined) {
    value = -Infinity;
    for (let i = 0; i < data.length; i++) if (data[i] > value) value = data[i];
  }
  return { width, height, data, score: value };
}
