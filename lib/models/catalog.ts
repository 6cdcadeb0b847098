/**
 * Reads the metadata of every model file a graph names, each file once, for the compiler.
 * A file that is missing or not ONNX becomes an {error} entry, never an exception: the
 * compiler reports it against the node that uses it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { VARIANT_FILE } from './measured-variants';
import { findVariantFile } from './variant-locations';
import { ProblemError, problem, type Problem } from '@/lib/pipeline/problems';
import type { ModelInfo, Precision } from '@/lib/pipeline/plan';
import { variantKey } from '@/lib/pipeline/model-variants';
import { modelInfo } from '@/lib/precision/onnx/model-info';
import { readModelBytes } from '@/lib/precision/onnx/read-model-file';

export type ModelCatalog = Record<string, ModelInfo | { error: Problem }>;

/** Keys are the paths as given (as the graph names them); relative ones are read from baseDir. */
export async function loadModelCatalog(paths: string[], baseDir: string): Promise<ModelCatalog> {
  const unique = [...new Set(paths)];
  const entries = await Promise.all(unique.map(async (p) => [p, await loadOne(p, baseDir)] as const));
  return Object.fromEntries(entries);
}

async function loadOne(modelPath: string, baseDir: string): Promise<ModelInfo | { error: Problem }> {
  try {
    // The info records the absolute path, so plans load their models whatever the host's cwd.
    const absolute = labVariantOf(path.resolve(baseDir, modelPath), baseDir);
    return modelInfo(await readModelBytes(absolute, modelPath), absolute, modelPath);
  } catch (err) {
    if (err instanceof ProblemError) return { error: err.problems[0] };
    return { error: problem('internal', `Reading model file "${modelPath}" failed: ${err instanceof Error ? err.message : String(err)}`) };
  }
}

/** A variant file missing beside its FP32 model may have been made by the Precision Lab into its own folder. */
function labVariantOf(absolute: string, baseDir: string): string {
  if (existsSync(absolute) || !VARIANT_FILE.test(absolute)) return absolute;
  return findVariantFile(absolute.replace(VARIANT_FILE, '.onnx'), absolute, baseDir) ?? absolute;
}

/** Where a precision variant lives: `<dir>/<name>.fp16.onnx` and `<name>.int8.onnx` beside the FP32 file. */
export function variantPath(modelPath: string, precision: Exclude<Precision, 'auto'>): string {
  return variantKey(modelPath, precision);
}
