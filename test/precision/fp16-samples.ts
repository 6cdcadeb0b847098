/**
 * Real sample inputs for the FP16 tests: the models' own sample photos through each model's
 * documented preprocessing (../shared/models/README.md), and a rendered digit for MNIST.
 */
import path from 'node:path';
import sharp from 'sharp';
import type { SampleFeed } from '@/lib/precision/fp16/samples';

export const MODELS_DIR = path.resolve(process.cwd(), '../shared/models');

/** NCHW float32 from an image: channel order, then (pixel - mean) / std per value. */
async function nchw(input: string | Buffer, width: number, height: number, order: 'rgb' | 'bgr' | 'gray', mean: number, std: number) {
  const img = sharp(input).resize(width, height, { fit: 'fill' });
  const channels = order === 'gray' ? 1 : 3;
  const raw = await (order === 'gray' ? img.grayscale() : img.removeAlpha()).raw().toBuffer();
  const plane = width * height;
  const data = new Float32Array(channels * plane);
  for (let i = 0; i < plane; i++) {
    for (let c = 0; c < channels; c++) {
      const src = order === 'bgr' ? 2 - c : c;
      data[c * plane + i] = (raw[i * channels + src] - mean) / std;
    }
  }
  return { data, dims: [1, channels, height, width] };
}

export async function fastestDetSample(): Promise<SampleFeed> {
  return { 'input.1': await nchw(path.join(MODELS_DIR, 'fastestdet/sample.jpg'), 352, 352, 'bgr', 0, 255) };
}

export async function ultraFaceSample(): Promise<SampleFeed> {
  return { input: await nchw(path.join(MODELS_DIR, 'ultraface-rfb-320/sample.jpg'), 320, 240, 'rgb', 127, 128) };
}

/** A handwritten-looking "3", white on black like MNIST, rendered by sharp from SVG. */
export async function mnistSample(): Promise<SampleFeed> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="28" height="28"><rect width="28" height="28" fill="black"/>
    <text x="14" y="23" font-size="24" font-family="sans-serif" font-weight="bold" fill="white" text-anchor="middle">3</text></svg>`;
  return { Input3: await nchw(Buffer.from(svg), 28, 28, 'gray', 0, 1) };
}
