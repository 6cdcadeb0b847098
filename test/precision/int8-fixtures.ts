/**
 * Calibration and check images for the INT8 tests, written to a temp folder: MNIST-style digits
 * rendered by sharp from SVG text (white on black, several fonts, sizes and offsets), and variants
 * of a model's sample photo (flips, crops, brightness) for the detectors.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

export const SHARED_MODELS = join(process.cwd(), '../shared/models');

const FONTS = ['DejaVu Sans', 'DejaVu Serif', 'DejaVu Sans Mono'];

/** Renders `count` digit images (28×28 PNG); returns the folder and each file's digit. */
export async function renderDigits(count: number, seed = 0): Promise<{ folder: string; labels: Map<string, number> }> {
  const folder = await mkdtemp(join(tmpdir(), 'loupe-digits-'));
  const labels = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const k = i + seed * 1000;
    const digit = k % 10;
    const font = FONTS[Math.floor(k / 10) % FONTS.length];
    const size = 20 + (k % 4);
    const dx = ((k * 7) % 5) - 2;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="28" height="28"><rect width="28" height="28" fill="black"/><text x="${14 + dx}" y="${22 + (k % 3) - 1}" font-family="${font}" font-size="${size}" font-weight="bold" fill="white" text-anchor="middle">${digit}</text></svg>`;
    const file = join(folder, `digit-${String(i).padStart(3, '0')}.png`);
    await writeFile(file, await sharp(Buffer.from(svg)).blur(0.6).greyscale().png().toBuffer());
    labels.set(file, digit);
  }
  return { folder, labels };
}

/** Variants of a photo: crops at several places and sizes, mirrored, brighter and darker. */
export async function photoVariants(photo: string, count: number, seed = 0): Promise<string[]> {
  const folder = await mkdtemp(join(tmpdir(), 'loupe-photos-'));
  const meta = await sharp(photo).metadata();
  const W = meta.width!;
  const H = meta.height!;
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const k = i + seed * 100;
    const f = 0.6 + 0.4 * (((k * 37) % 11) / 10);
    const w = Math.round(W * f);
    const h = Math.round(H * f);
    const left = Math.round((W - w) * (((k * 53) % 7) / 6));
    const top = Math.round((H - h) * (((k * 29) % 5) / 4));
    let img = sharp(photo).extract({ left, top, width: w, height: h });
    if (k % 2 === 1) img = img.flop();
    img = img.modulate({ brightness: 0.7 + 0.15 * (k % 5) });
    const file = join(folder, `variant-${String(i).padStart(3, '0')}.jpg`);
    await img.jpeg({ quality: 90 }).toFile(file);
    files.push(file);
  }
  return files;
}
