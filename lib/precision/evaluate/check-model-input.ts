/**
 * Before running a whole dataset: does the model take one float image tensor that the input spec
 * fills? A mismatch (channels, size, an extra input) is a Problem naming both sides.
 */
import type { ModelInfo } from '@/lib/pipeline/plan';
import { problem, type Problem } from '@/lib/pipeline/problems';
import { planesOf, type InputSpec } from '../input-spec';

export interface ImageInputShape {
  name: string;
  /** The batch dimension is symbolic, so a batch of N can be fed. */
  dynamicBatch: boolean;
}

export function checkModelInput(info: ModelInfo, spec: InputSpec, label: string): ImageInputShape | Problem[] {
  const bad = (why: string) => [problem('model.input-mismatch', `Model ${label} ${why}`, { path: [label] })];
  if (info.inputs.length !== 1) return bad(`has ${info.inputs.length} inputs (${info.inputs.map((i) => i.name).join(', ') || 'none'}); evaluation feeds exactly one image tensor`);
  const input = info.inputs[0];
  if (input.type !== 'float32' && input.type !== 'float16') return bad(`takes ${input.type} input "${input.name}"; evaluation feeds float images`);
  if (input.shape.length !== 4) return bad(`input "${input.name}" has shape [${input.shape.join(', ')}]; an image input is [batch, channels, height, width]`);
  const [n, c, h, w] = input.shape;
  const want = [planesOf(spec), spec.height, spec.width];
  const got = [c, h, w];
  const clash = got.some((d, i) => typeof d === 'number' && d > 0 && d !== want[i]);
  if (clash) {
    return bad(
      `expects C×H×W = ${got.map((d) => (typeof d === 'number' && d > 0 ? d : '?')).join('×')} but the input spec gives ` +
        `${want.join('×')} (${spec.channels}, ${spec.width}×${spec.height}); fix the spec's channels/width/height`,
    );
  }
  if (typeof n === 'number' && n > 1) return bad(`input "${input.name}" has a fixed batch of ${n}; evaluation feeds one image at a time`);
  return { name: input.name, dynamicBatch: !(typeof n === 'number' && n > 0) };
}
