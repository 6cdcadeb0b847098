/**
 * Where a model's precision variants and evaluation report may live: beside the FP32 file
 * (`m.int8.onnx`, `m.eval.json` — what the CLI writes), or, for a committed model under models/,
 * in the Precision Lab's variant folder under the data directory (the lab never writes into
 * models/). The editor, the compiler's catalog and the lab all resolve through this one place.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { labPaths, variantFolder } from '@/lib/precision-lab/lab-paths';

/** The folders to look in, nearest first, for variants of the FP32 model at `modelAbsolute`. */
export function variantFolders(modelAbsolute: string, cwd = process.cwd()): string[] {
  const beside = join(modelAbsolute, '..');
  const lab = variantFolder(labPaths({ cwd }), modelAbsolute);
  return lab === beside ? [beside] : [beside, lab];
}

/** The first existing file named `name` among the model's variant folders, else null. */
export function findVariantFile(modelAbsolute: string, name: string, cwd = process.cwd()): string | null {
  for (const folder of variantFolders(modelAbsolute, cwd)) {
    const file = join(folder, basename(name));
    if (existsSync(file)) return file;
  }
  return null;
}
