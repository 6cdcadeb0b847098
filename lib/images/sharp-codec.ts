/**
 * The Node image codec: sharp (libvips) decodes any common format to 8-bit gray or RGB and
 * encodes PNG. Bad bytes become Problems (frame.empty / frame.too-large / frame.decode), never a
 * crash, and an enormous image is refused from its header before any pixel memory is allocated.
 */
import sharp from 'sharp';
import { problem, ProblemError, type Problem } from '../pipeline/problems';
import { messageOf } from '../pipeline/runtime/message-of';
import type { ImageCodec } from '../pipeline/runtime/services';
import type { Frame } from '../pipeline/values';
import { megapixels } from './megapixels';

export function createSharpCodec(): ImageCodec {
  return { decode, encodePng };
}

async function decode(bytes: Uint8Array, options: { maxPixels: number }): Promise<Frame> {
  if (bytes.byteLength === 0) throw fail(problem('frame.empty', 'The image file is empty (0 bytes)'));
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Header only: our own limit decides, so sharp's default limit must not answer first.
  const meta = await sharp(input, { limitInputPixels: false }).metadata().catch((err: unknown) => {
    throw fail(problem('frame.decode', `The image could not be read: ${messageOf(err)}`));
  });
  const { width, height } = meta;
  if (!width || !height) throw fail(problem('frame.decode', 'The image has no width or height'));
  if (width * height > options.maxPixels) {
    throw fail(
      problem(
        'frame.too-large',
        `The image is ${width}×${height} = ${megapixels(width * height)} MP, which exceeds the ${megapixels(options.maxPixels)} MP limit`,
      ),
    );
  }
  const gray = meta.space === 'b-w' || meta.space === 'grey16';
  try {
    // failOn 'error' turns truncated or corrupt pixel data into an error instead of grey padding.
    const { data, info } = await sharp(input, { failOn: 'error', limitInputPixels: options.maxPixels })
      .removeAlpha()
      .toColourspace(gray ? 'b-w' : 'srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 1 && info.channels !== 3) throw new Error(`decoded to ${info.channels} channels`);
    return { width: info.width, height: info.height, channels: info.channels, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch (err) {
    throw fail(problem('frame.decode', `The ${meta.format ?? 'image'} data could not be decoded: ${messageOf(err)}`));
  }
}

async function encodePng(frame: Frame): Promise<Uint8Array> {
  const expected = frame.width * frame.height * frame.channels;
  if (frame.data.byteLength !== expected) {
    throw fail(problem('internal', `Cannot encode a ${frame.width}×${frame.height}×${frame.channels} frame from ${frame.data.byteLength} bytes (expected ${expected})`));
  }
  const raw = Buffer.from(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength);
  const png = await sharp(raw, { raw: { width: frame.width, height: frame.height, channels: frame.channels } }).png().toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

function fail(p: Problem): ProblemError {
  return new ProblemError([p]);
}

