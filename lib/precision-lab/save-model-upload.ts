/**
 * An uploaded model becomes `<data>/models/<safe-name>.onnx`, after the same strict check every
 * model read goes through (model.not-onnx for anything that is not an ONNX model). An existing
 * name is a conflict, never overwritten: its variants and reports belong to the old file.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readModel } from '@/lib/precision/onnx/read-model';
import { ProblemError, problem } from '@/lib/pipeline/problems';
import { displayPath, type LabPaths, modelId, uploadsRoot } from './lab-paths';
import { safeName } from './safe-names';

export function saveModelUpload(p: LabPaths, fileName: string, bytes: Uint8Array): { id: string; path: string } {
  const name = safeName(fileName);
  if (!name) throw new ProblemError([problem('request.invalid', `The model name "${fileName}" has no usable characters (A-Z, a-z, 0-9, _ and -)`, { path: ['file'] })]);
  if (!fileName.toLowerCase().endsWith('.onnx')) {
    throw new ProblemError([problem('model.not-onnx', `"${fileName}" is not an ONNX model: the file name must end in .onnx`, { path: ['file'] })]);
  }
  readModel(bytes, `The uploaded file "${fileName}"`);
  const target = join(uploadsRoot(p), `${name}.onnx`);
  if (existsSync(target)) throw new ProblemError([problem('request.conflict', `A model named "${name}" was already uploaded; rename the file to upload another`, { path: ['file'] })]);
  mkdirSync(uploadsRoot(p), { recursive: true });
  writeFileSync(target, bytes, { flag: 'wx' });
  const path = displayPath(p, target);
  return { id: modelId(path), path };
}
