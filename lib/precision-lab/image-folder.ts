/**
 * A calibration or validation set named by a server folder: it must exist, be a folder and hold
 * images (searched recursively; validation sets keep classes in sub-folders). Checked before a
 * job is queued, so the user hears about a typo at once, not when the job fails.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { listCalibrationImages } from '@/lib/precision/calibrate/list-images';
import { problem, type Problem } from '@/lib/pipeline/problems';
import { displayPath, type LabPaths } from './lab-paths';

export type FolderCheck = { ok: true; path: string; images: number } | { ok: false; problem: Problem };

export async function checkImageFolder(p: LabPaths, folder: string, field: string, label: string): Promise<FolderCheck> {
  const bad = (why: string): FolderCheck => ({ ok: false, problem: problem('request.invalid', `${label} folder "${folder}" ${why}`, { path: [field] }) });
  if (folder.includes('\0')) return bad('is not a valid path');
  const absolute = resolve(p.cwd, folder);
  if (!existsSync(absolute)) return bad('does not exist on the server');
  if (!statSync(absolute).isDirectory()) return bad('is not a folder');
  const images = await listCalibrationImages(absolute);
  if (!images.ok) return bad('has no images (looked for .jpg, .png, .webp, .bmp, .tif, .gif, .avif, in sub-folders too)');
  return { ok: true, path: displayPath(p, absolute), images: images.files.length };
}
