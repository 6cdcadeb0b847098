/**
 * An uploaded image set (a folder picked with webkitdirectory, or several files) becomes
 * `<data>/datasets/<name>/…`, keeping sub-folders (validation sets are one folder per class).
 * The picked folder's own name, shared by every path, is dropped. Only images and label files
 * (.txt, for YOLO detection sets) are kept; anything else is skipped and counted.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ProblemError, problem } from '@/lib/pipeline/problems';
import { datasetsRoot, displayPath, type LabPaths } from './lab-paths';
import { safeName, safeRelativePath } from './safe-names';

const KEPT = /\.(jpe?g|png|webp|bmp|tiff?|gif|avif|txt)$/i;
const IMAGE = /\.(jpe?g|png|webp|bmp|tiff?|gif|avif)$/i;

export interface UploadedFile {
  relativePath: string;
  bytes: Uint8Array;
}

export function saveDatasetUpload(p: LabPaths, rawName: string, files: UploadedFile[]): { path: string; images: number; skipped: number } {
  const name = safeName(rawName);
  if (!name) throw new ProblemError([problem('request.invalid', `The image set name "${rawName}" has no usable characters (A-Z, a-z, 0-9, _ and -)`, { path: ['name'] })]);
  const paths = files.map((f) => safeRelativePath(f.relativePath, 'files'));
  const kept = files.map((f, i) => ({ ...f, segments: paths[i] })).filter((f) => KEPT.test(f.relativePath));
  if (!kept.some((f) => IMAGE.test(f.relativePath))) {
    throw new ProblemError([problem('request.invalid', `The upload has no images (.jpg, .png, .webp, .bmp, .tif, .gif, .avif) among its ${files.length} file(s)`, { path: ['files'] })]);
  }
  const root = join(datasetsRoot(p), name);
  if (existsSync(root)) throw new ProblemError([problem('request.conflict', `An image set named "${name}" already exists; choose another name`, { path: ['name'] })]);
  const first = kept[0].segments[0];
  const dropTop = kept.every((f) => f.segments.length > 1 && f.segments[0] === first);
  for (const f of kept) {
    const target = join(root, ...(dropTop ? f.segments.slice(1) : f.segments));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.bytes, { flag: 'wx' });
  }
  return { path: displayPath(p, root), images: kept.filter((f) => IMAGE.test(f.relativePath)).length, skipped: files.length - kept.length };
}
