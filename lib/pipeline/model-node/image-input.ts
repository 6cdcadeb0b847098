/**
 * Reads a model's image input from its ONNX metadata and checks it against the preprocessing
 * wired in front of it. Dimensions known on both sides must agree at compile time; a dimension
 * unknown on either side is checked per frame instead.
 */
import type { CompileContext } from '../node-kind';
import type { ModelRef } from '../plan';
import { problem, type Problem } from '../problems';
import { shapeAfterOps } from '../preprocess/shape-after-ops';

export interface ImageInput {
  name: string;
  /** True when the batch dimension is symbolic, so several frames can share one run. */
  dynamicBatch: boolean;
  /** What the model fixes; absent = decided by each frame. */
  channels?: 1 | 3;
  height?: number;
  width?: number;
}

const FLOAT_TYPES = new Set(['float32', 'float', 'tensor(float)']);
const isFloat = (type: string) => FLOAT_TYPES.has(type.toLowerCase());
const fixed = (d: number | string | undefined) => (typeof d === 'number' && d > 0 ? d : undefined);

export function readImageInput(ref: ModelRef, ctx: CompileContext, title: string): ImageInput | Problem[] {
  const where = { nodeId: ctx.nodeId, path: ['model'] };
  const unsupported = (why: string) => [problem('model.unsupported', `${title} "${ctx.nodeId}": model ${ref.info.path} ${why}`, where)];
  const { inputs } = ref.info;
  if (inputs.length !== 1) return unsupported(`has ${inputs.length} inputs (${inputs.map((i) => i.name).join(', ') || 'none'}); this node feeds exactly one image`);
  const input = inputs[0];
  if (!isFloat(input.type)) return unsupported(`takes ${input.type} input "${input.name}"; this node feeds float32 images`);
  if (input.shape.length !== 4) return unsupported(`input "${input.name}" has shape [${input.shape.join(', ')}]; an image input is [batch, channels, height, width]`);
  const [n, c, h, w] = input.shape;
  if (typeof n === 'number' && n > 1) return unsupported(`input "${input.name}" has a fixed batch of ${n}; Loupe feeds a batch of 1 or a symbolic batch`);
  const channels = fixed(c);
  if (channels !== undefined && channels !== 1 && channels !== 3) return unsupported(`input "${input.name}" has ${channels} channels; images have 1 (gray) or 3 (colour)`);
  const spec: ImageInput = { name: input.name, dynamicBatch: fixed(n) === undefined, channels: channels as 1 | 3 | undefined, height: fixed(h), width: fixed(w) };
  const mismatch = compareWithPreprocessing(spec, ctx);
  if (mismatch) return [problem('model.input-mismatch', `${title} "${ctx.nodeId}": ${mismatch}`, where)];
  return spec;
}

function compareWithPreprocessing(spec: ImageInput, ctx: CompileContext): string | undefined {
  const got = shapeAfterOps(ctx.frameShape, ctx.preprocess);
  const bad = (a: number | undefined, b: number | undefined) => a !== undefined && b !== undefined && a !== b;
  if (!bad(spec.channels, got.channels) && !bad(spec.height, got.height) && !bad(spec.width, got.width)) return undefined;
  const show = (c?: number, h?: number, w?: number) => `${c ?? '?'}×${h ?? '?'}×${w ?? '?'}`;
  const hints: string[] = [];
  if (bad(spec.height, got.height) || bad(spec.width, got.width)) hints.push(`resize to ${spec.width ?? got.width}×${spec.height ?? got.height}`);
  if (spec.channels === 1 && got.channels === 3) hints.push('add Grayscale');
  if (spec.channels === 3 && got.channels === 1) hints.push('feed colour frames (the model wants 3 channels)');
  return (
    `the model expects C×H×W = ${show(spec.channels, spec.height, spec.width)} (from the ONNX file) ` +
    `but the preprocessing wired into it gives ${show(got.channels, got.height, got.width)}; ${hints.join(', ')}`
  );
}
