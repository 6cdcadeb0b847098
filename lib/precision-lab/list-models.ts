/**
 * The Precision Lab's models: every FP32 `.onnx` under models/ and <data>/models/ (not the
 * variants folder), each with the variants found beside it and in its variant folder
 * (`<stem>.<suffix>.onnx`: fp16, int8, mixed, …). Reading only the file system, not the models.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { committedVariantsRoot, displayPath, isInside, type LabPaths, modelId, modelPathFromId, stemOf, uploadsRoot, variantFolder } from './lab-paths';

export interface LabVariant {
  /** fp16 | int8 | mixed | any other suffix. */
  precision: string;
  path: string;
  bytes: number;
}

export interface LabModel {
  id: string;
  /** As shown and stored: relative to cwd. */
  path: string;
  absolute: string;
  name: string;
  bytes: number;
  variants: LabVariant[];
}

const VARIANT = /^(.+)\.([A-Za-z0-9-]+)\.onnx$/i;
const PRECISION_ORDER = ['fp16', 'int8', 'mixed'];

export function listLabModels(p: LabPaths): LabModel[] {
  const files = [...onnxFiles(p.modelsRoot), ...onnxFiles(uploadsRoot(p)).filter((f) => !isInside(f, committedVariantsRoot(p)))];
  const names = new Set(files.map((f) => resolve(f)));
  // A file `a.fp16.onnx` beside an `a.onnx` is a variant, not a model of its own.
  const bases = files.filter((f) => {
    const m = VARIANT.exec(f);
    return !(m && names.has(resolve(`${m[1]}.onnx`)));
  });
  return bases.map((absolute) => labModel(p, absolute)).sort((a, b) => a.path.localeCompare(b.path));
}

export function findLabModel(p: LabPaths, idOrPath: string): LabModel | null {
  const wanted = modelPathFromId(idOrPath) ?? idOrPath;
  return listLabModels(p).find((m) => m.path === wanted || m.id === idOrPath) ?? null;
}

function labModel(p: LabPaths, absolute: string): LabModel {
  const path = displayPath(p, absolute);
  const stem = stemOf(absolute);
  const folders = [...new Set([resolve(absolute, '..'), variantFolder(p, absolute)])];
  const variants = new Map<string, LabVariant>();
  for (const folder of folders) {
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)) {
      const m = VARIANT.exec(name);
      if (!m || m[1] !== stem) continue;
      const file = join(folder, name);
      // A lab-written variant replaces a committed one of the same precision: it is newer.
      variants.set(m[2].toLowerCase(), { precision: m[2].toLowerCase(), path: displayPath(p, file), bytes: statSync(file).size });
    }
  }
  const order = (v: LabVariant) => (PRECISION_ORDER.indexOf(v.precision) + 1 || 99);
  return { id: modelId(path), path, absolute, name: stem, bytes: statSync(absolute).size, variants: [...variants.values()].sort((a, b) => order(a) - order(b) || a.precision.localeCompare(b.precision)) };
}

function onnxFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.toLowerCase().endsWith('.onnx') && !f.split(/[\\/]/).some((s) => s.startsWith('.') || s === 'node_modules'))
    .map((f) => join(root, f))
    .filter((f) => statSync(f).isFile());
}
