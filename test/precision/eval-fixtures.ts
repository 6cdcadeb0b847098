/**
 * Labelled evaluation sets for the eval tests, in temp folders: MNIST-style digits (rendered by
 * int8-fixtures' renderDigits) sorted into class folders, and small PNGs for layout tests.
 */
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import sharp from 'sharp';
import { renderDigits } from './int8-fixtures';

export async function tempDir(prefix = 'loupe-eval-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** A uniform PNG of `size`×`size` at `level`, with an optional `spot`×`spot` square at (4, 4) of `spotLevel` (a "defect"). */
export async function writePng(file: string, opts: { size?: number; level?: number; spot?: number; spotLevel?: number; channels?: 1 | 3 } = {}): Promise<string> {
  const size = opts.size ?? 16;
  const channels = opts.channels ?? 1;
  const px = Buffer.alloc(size * size * channels, opts.level ?? 40);
  if (opts.spot) {
    for (let y = 4; y < 4 + opts.spot; y++) for (let x = 4; x < 4 + opts.spot; x++) for (let c = 0; c < channels; c++) px[(y * size + x) * channels + c] = opts.spotLevel ?? 250;
  }
  await writeFile(file, await sharp(px, { raw: { width: size, height: size, channels } }).png().toBuffer());
  return file;
}

/** `count` rendered digits sorted into `<root>/<digit>/` folders. */
export async function digitDataset(count: number, seed = 3): Promise<string> {
  const { labels } = await renderDigits(count, seed);
  const root = await tempDir('loupe-mnist-val-');
  for (const [file, digit] of labels) {
    await mkdir(join(root, String(digit)), { recursive: true });
    await copyFile(file, join(root, String(digit), basename(file)));
  }
  return root;
}
