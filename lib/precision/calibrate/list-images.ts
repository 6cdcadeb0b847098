/**
 * The calibration set: image files of a folder (recursively, sorted so runs are repeatable).
 * A missing, unreadable or image-less folder is a Problem, not an empty calibration.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { problem, type Problem } from '@/lib/pipeline/problems';

const IMAGE_EXT = /\.(jpe?g|png|webp|bmp|tiff?|gif|avif)$/i;

export type ImageList = { ok: true; files: string[] } | { ok: false; problems: Problem[] };

export async function listCalibrationImages(folder: string, limit?: number): Promise<ImageList> {
  const files: string[] = [];
  try {
    await walk(folder, files);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a folder' : `cannot be read (${code ?? (err as Error).message})`;
    return { ok: false, problems: [problem('precision.calib-empty', `Calibration folder ${folder} ${why}`)] };
  }
  if (files.length === 0) {
    return { ok: false, problems: [problem('precision.calib-empty', `Calibration folder ${folder} has no images (looked for .jpg, .png, .webp, .bmp, .tif, .gif, .avif)`)] };
  }
  files.sort();
  return { ok: true, files: limit ? files.slice(0, limit) : files };
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) await walk(path, out);
    else if (e.isFile() && IMAGE_EXT.test(e.name)) out.push(path);
  }
}
