/** Reads a model file from disk, turning file-system failures into Problems that name the path. */
import { readFile } from 'node:fs/promises';
import { ProblemError, problem } from '@/lib/pipeline/problems';
import type { ModelProto } from './proto';
import { readModel } from './read-model';

/** `label` is how messages name the file (e.g. the path as the user wrote it). */
export async function readModelBytes(path: string, label = path): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ProblemError([problem('model.missing-file', `Model file "${label}" does not exist`)]);
    if (code === 'EISDIR') throw new ProblemError([problem('model.not-onnx', `Model file "${label}" is a folder, not an ONNX model`)]);
    throw new ProblemError([problem('model.missing-file', `Model file "${label}" cannot be read (${code ?? String(err)})`)]);
  }
}

export async function readModelFile(path: string): Promise<ModelProto> {
  return readModel(await readModelBytes(path), `Model file "${path}"`);
}
