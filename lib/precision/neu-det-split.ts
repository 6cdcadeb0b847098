/**
 * The NEU-DET classification split that models/neu-classifier was trained on, recomputed from
 * file names alone (scripts/train-neu-classifier.py uses the same rule): an image is validation
 * when the first 8 hex digits of sha1(basename) are ≡ 0 mod 5, train otherwise. The class is the
 * file name up to its last underscore. Used by tests and bench to calibrate on train images and
 * measure accuracy on validation images, never mixing the two.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export const NEU_CLASSES = ['crazing', 'inclusion', 'patches', 'pitted_surface', 'rolled-in_scale', 'scratches'] as const;
const FOLDERS = ['IMAGES', 'Validation_Images'];

export interface LabelledImage {
  file: string;
  label: number;
}

export function isNeuValidation(name: string): boolean {
  return parseInt(createHash('sha1').update(name).digest('hex').slice(0, 8), 16) % 5 === 0;
}

/** Train and validation images of the dataset folder (e.g. ../shared/datasets/neu-det), sorted. */
export async function neuDetSplit(root: string): Promise<{ train: LabelledImage[]; val: LabelledImage[] }> {
  const train: LabelledImage[] = [];
  const val: LabelledImage[] = [];
  for (const folder of FOLDERS) {
    for (const name of (await readdir(join(root, folder))).sort()) {
      if (!name.endsWith('.jpg')) continue;
      const label = (NEU_CLASSES as readonly string[]).indexOf(name.slice(0, name.lastIndexOf('_')));
      if (label < 0) throw new Error(`${name}: no NEU class in the file name`);
      (isNeuValidation(name) ? val : train).push({ file: join(root, folder, name), label });
    }
  }
  return { train, val };
}

/** Every `step`-th image, so a small subset still covers every class. */
export function everyNth<T>(items: T[], count: number): T[] {
  const step = Math.max(1, Math.floor(items.length / count));
  return items.filter((_, i) => i % step === 0).slice(0, count);
}

/** A temp folder holding copies of the files: a calibration folder made of a split's images. */
export async function folderOf(files: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'loupe-neu-'));
  for (const f of files) await copyFile(f, join(dir, basename(f)));
  return dir;
}
