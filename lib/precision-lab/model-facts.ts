/**
 * What the lab shows about a model and the input spec its forms start from: the model's own
 * inputs/outputs/opset (model-info.ts), and the preprocessing from a sidecar when the model
 * ships one (`input-spec.json` or `<stem>.json` with an `input` block), else guessed from the
 * input shape [N, C, H, W] with pixels/255.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ModelInfo } from '@/lib/pipeline/plan';
import { InputSpec } from '@/lib/precision/input-spec';
import { modelInfo } from '@/lib/precision/onnx/model-info';
import { stemOf } from './lab-paths';
import type { LabModel } from './list-models';

export interface ModelFacts {
  info: ModelInfo;
  spec: InputSpec | null;
  /** Where the spec came from: a sidecar file, or the input shape. */
  specSource: string;
}

export function modelFacts(model: LabModel): ModelFacts {
  const info = modelInfo(new Uint8Array(readFileSync(/* turbopackIgnore: true */ model.absolute)), model.path, model.path);
  const sidecar = sidecarSpec(model.absolute);
  if (sidecar) return { info, ...sidecar };
  return { info, spec: specFromShape(info), specSource: 'guessed from the input shape (pixels/255, no mean/std): check it' };
}

function sidecarSpec(absolute: string): { spec: InputSpec; specSource: string } | null {
  const dir = dirname(absolute);
  for (const file of [join(dir, 'input-spec.json'), join(dir, `${stemOf(absolute)}.json`)]) {
    if (!existsSync(/* turbopackIgnore: true */ file)) continue;
    try {
      const raw = JSON.parse(readFileSync(/* turbopackIgnore: true */ file, 'utf8'));
      const candidate = raw.input && typeof raw.input === 'object' ? raw.input : raw;
      const channels = typeof candidate.channels === 'number' ? (candidate.channels === 1 ? 'gray' : 'rgb') : candidate.channels;
      const { name: _n, dtype: _d, ...rest } = { ...candidate, channels, layout: String(candidate.layout ?? 'nchw').toLowerCase() };
      const parsed = InputSpec.safeParse(rest);
      if (parsed.success) return { spec: parsed.data, specSource: file.slice(dir.length + 1) };
    } catch {
      // An unreadable sidecar is no spec; the next candidate or the shape decides.
    }
  }
  return null;
}

function specFromShape(info: ModelInfo): InputSpec | null {
  const shape = info.inputs[0]?.shape ?? [];
  const [c, h, w] = shape.slice(1);
  if (shape.length !== 4 || typeof h !== 'number' || typeof w !== 'number' || h <= 0 || w <= 0) return null;
  return InputSpec.parse({ width: w, height: h, channels: c === 1 ? 'gray' : 'rgb' });
}
