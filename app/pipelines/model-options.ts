/**
 * The model catalog as the inspector sees it: the Precision Lab's own listing (every FP32 .onnx
 * under models/ and the lab's uploads, relative paths as graphs name them), each with the
 * input/output shapes from its sidecar .json where one exists and its measured variants.
 */
import { readFileSync } from 'node:fs';
import type { ModelOption } from '@/components/editor/model-option';
import { measuredVariants } from '@/lib/models/measured-variants';
import { displayPath, labPaths, type LabPaths } from '@/lib/precision-lab/lab-paths';
import { listLabModels } from '@/lib/precision-lab/list-models';

export function listModelOptions(paths: LabPaths = labPaths()): ModelOption[] {
  return listLabModels(paths).map((model) => ({
    path: model.path,
    shapes: shapesOf(model.absolute.replace(/\.onnx$/i, '.json')),
    ...measuredVariants(model.absolute, (absolute) => displayPath(paths, absolute)),
  }));
}

function shapesOf(sidecar: string): string | undefined {
  try {
    const meta = JSON.parse(readFileSync(/* turbopackIgnore: true */ sidecar, 'utf8')) as {
      input?: { name?: string; channels?: number; height?: number; width?: number };
      outputs?: Record<string, { shape?: unknown[] }>;
    };
    const input = meta.input ? `${meta.input.name ?? 'input'} [N,${meta.input.channels},${meta.input.height},${meta.input.width}]` : '';
    const outputs = Object.entries(meta.outputs ?? {}).map(([name, o]) => `${name} [${(o.shape ?? []).map((d) => (typeof d === 'string' ? 'N' : d)).join(',')}]`);
    return [input, outputs.join(', ')].filter(Boolean).join(' → ') || undefined;
  } catch {
    return undefined;
  }
}
