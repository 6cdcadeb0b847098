/**
 * One calibration image → Float32 NCHW planes by the input spec: decode with sharp, resize to the
 * spec's size (stretch, as the pipeline's resize does), order the channels, (x·scale − mean)/std.
 * A file that can't be decoded is a Problem naming the file.
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { problem, ProblemError } from '@/lib/pipeline/problems';
import { perPlane, planesOf, type InputSpec } from '../input-spec';

/** Writes the image's planes into `out` at `offset` (one sample of a batch). */
export async function imageIntoTensor(file: string, spec: InputSpec, out: Float32Array, offset: number): Promise<void> {
  const planes = planesOf(spec);
  let pixels: Buffer;
  try {
    const bytes = await readFile(file);
    if (bytes.byteLength === 0) throw new Error('the file is empty');
    const img = sharp(bytes, { failOn: 'error' }).removeAlpha().resize(spec.width, spec.height, { fit: 'fill' });
    const { data, info } = await (planes === 1 ? img.toColourspace('b-w') : img.toColourspace('srgb')).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    if (info.channels !== planes || info.width !== spec.width || info.height !== spec.height) {
      throw new Error(`decoded to ${info.width}×${info.height}×${info.channels}, cannot fit ${spec.width}×${spec.height}×${planes}`);
    }
    pixels = data;
  } catch (err) {
    throw new ProblemError([problem('precision.calib-image', `Calibration image ${file} cannot be used: ${(err as Error).message}`, { path: [file] })]);
  }
  const area = spec.width * spec.height;
  for (let c = 0; c < planes; c++) {
    // bgr takes the third decoded (RGB) channel first.
    const src = spec.channels === 'bgr' ? 2 - c : c;
    const mean = perPlane(spec.mean, c);
    const k = spec.scale / perPlane(spec.std, c);
    const m = mean / perPlane(spec.std, c);
    const base = offset + c * area;
    for (let i = 0; i < area; i++) out[base + i] = pixels[i * planes + src] * k - m;
  }
}
