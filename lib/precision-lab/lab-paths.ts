/**
 * Where the Precision Lab reads and writes. Models come from two roots: the committed `models/`
 * folder and the lab's own `<data>/models/` (uploads). The lab never writes into `models/`: a
 * committed model's variants go to `<data>/models/variants/<its folder under models/>/`, an
 * uploaded model's beside it. `<data>` is LOUPE_DATA_DIR, default `./data` (gitignored).
 */
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

export interface LabPaths {
  /** The working directory model paths are relative to. */
  cwd: string;
  /** Committed models. */
  modelsRoot: string;
  /** The lab's data folder: uploads, variants, datasets, job files. */
  dataDir: string;
}

/** Tests point modelsRoot and dataDir at temp folders; commands still run from cwd (the checkout). */
export function labPaths(o: { cwd?: string; modelsRoot?: string; dataDir?: string } = {}): LabPaths {
  const cwd = o.cwd ?? process.cwd();
  return { cwd, modelsRoot: resolve(cwd, o.modelsRoot ?? 'models'), dataDir: resolve(cwd, o.dataDir ?? (process.env.LOUPE_DATA_DIR || 'data')) };
}

export const uploadsRoot = (p: LabPaths) => join(p.dataDir, 'models');
export const committedVariantsRoot = (p: LabPaths) => join(p.dataDir, 'models', 'variants');
export const datasetsRoot = (p: LabPaths) => join(p.dataDir, 'datasets');
export const jobDir = (p: LabPaths, jobId: string) => join(p.dataDir, 'precision-jobs', jobId);

/** True when `child` is `root` itself or inside it (after resolving `..`). */
export function isInside(child: string, root: string): boolean {
  const rel = relative(resolve(root), resolve(child));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

/** A path as the lab shows and stores it: relative to cwd when inside it, else absolute. */
export function displayPath(p: LabPaths, absolute: string): string {
  return isInside(absolute, p.cwd) ? relative(p.cwd, absolute) : absolute;
}

/** The folder a model's variants (and its eval report) are written to. */
export function variantFolder(p: LabPaths, modelAbsolute: string): string {
  const dir = resolve(modelAbsolute, '..');
  if (isInside(modelAbsolute, uploadsRoot(p)) || !isInside(modelAbsolute, p.modelsRoot)) return dir;
  return join(committedVariantsRoot(p), relative(p.modelsRoot, dir));
}

/** `<stem>` of `x/<stem>.onnx`. */
export const stemOf = (file: string) => file.slice(file.lastIndexOf(sep) + 1).replace(/\.onnx$/i, '');

/** Where a job of this model writes its variant: `<variant folder>/<stem>.<precision>.onnx`. */
export function variantOutPath(p: LabPaths, modelAbsolute: string, precision: 'fp16' | 'int8' | 'mixed'): string {
  return join(variantFolder(p, modelAbsolute), `${stemOf(modelAbsolute)}.${precision}.onnx`);
}

/** Model ids in URLs: the model's display path, base64url-encoded (URL-safe, reversible). */
export const modelId = (displayed: string) => Buffer.from(displayed, 'utf8').toString('base64url');
export function modelPathFromId(id: string): string | null {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  return modelId(text) === id ? text : null;
}
