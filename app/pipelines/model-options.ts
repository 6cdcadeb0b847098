/**
 * The model catalog as the inspector sees it: every .onnx file under models/ (relative paths, as
 * graphs name them), with input/output shapes from the sidecar .json where one exists.
 * STAND-IN until a shared model catalog module offers a listing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ModelOption } from '@/components/editor/model-option';
import { measuredVariants, VARIANT_FILE } from '@/lib/models/measured-variants';

export function listModelOptions(root = join(process.cwd(), 'models'), base = process.cwd()): ModelOption[] {
  if (!existsSync(root)) return [];
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.onnx') && !VARIANT_FILE.test(f)).sort();
  const shown = (absolute: string) => relative(base, absolute);
  return files.map((f) => ({
    path: shown(join(root, f)),
    shapes: shapesOf(join(root, f.replace(/\.onnx$/, '.json'))),
    ...measuredVariants(join(root, f), shown),
  }));
}

function shapesOf(sidecar: string): string | undefined {
  try {
    const meta = JSON.parse(readFileSync(sidecar, 'utf8')) as {
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
