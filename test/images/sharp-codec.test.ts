import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createSharpCodec } from '@/lib/images/sharp-codec';
import { ProblemError } from '@/lib/pipeline/problems';
import { pngHeaderOnly } from './png-bytes';

const codec = createSharpCodec();
const LIMIT = { maxPixels: 50_000_000 };
const NEU = '/work/shared/datasets/neu-det/Validation_Images';

async function problemOf(bytes: Uint8Array) {
  const err = await codec.decode(bytes, LIMIT).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProblemError);
  return (err as ProblemError).problems[0];
}

const noise = (channels: 3 | 4) =>
  sharp({ create: { width: 64, height: 48, channels, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } });

describe('sharp codec: bad bytes become problems', () => {
  it('given zero bytes, when decoded, then frame.empty', async () => {
    expect((await problemOf(new Uint8Array(0))).code).toBe('frame.empty');
  });

  it('given a JPEG truncated to half its length, when decoded, then frame.decode', async () => {
    const jpeg = await noise(3).jpeg().toBuffer();
    const p = await problemOf(new Uint8Array(jpeg.subarray(0, jpeg.length >> 1)));
    expect(p.code).toBe('frame.decode');
    expect(p.message).toMatch(/jpeg/i);
  });

  it('given a PNG truncated to half its length, when decoded, then frame.decode', async () => {
    const png = await noise(3).png().toBuffer();
    expect((await problemOf(new Uint8Array(png.subarray(0, png.length >> 1)))).code).toBe('frame.decode');
  });

  it('given random bytes, when decoded, then frame.decode', async () => {
    expect((await problemOf(new Uint8Array(randomBytes(4096)))).code).toBe('frame.decode');
  });

  it('given a PNG header claiming 30000×30000, when decoded, then frame.too-large naming the size and the limit', async () => {
    const p = await problemOf(pngHeaderOnly(30000, 30000));
    expect(p.code).toBe('frame.too-large');
    expect(p.message).toContain('30000×30000 = 900 MP');
    expect(p.message).toContain('50 MP limit');
  });

  it('given a small limit, when a normal image exceeds it, then frame.too-large', async () => {
    const png = await noise(3).png().toBuffer();
    const err = await codec.decode(new Uint8Array(png), { maxPixels: 1000 }).catch((e: unknown) => e);
    expect((err as ProblemError).problems[0].code).toBe('frame.too-large');
  });
});

describe('sharp codec: good images become 8-bit gray or RGB frames', () => {
  it('given a 16-bit RGB PNG, when decoded, then 8-bit RGB with the same colour', async () => {
    const png = await sharp({ create: { width: 5, height: 4, channels: 3, background: { r: 200, g: 100, b: 50 } } })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    expect((await sharp(png).metadata()).depth).toBe('ushort');
    const frame = await codec.decode(new Uint8Array(png), LIMIT);
    expect([frame.width, frame.height, frame.channels, frame.data.length]).toEqual([5, 4, 3, 60]);
    expect([...frame.data.subarray(0, 3)]).toEqual([200, 100, 50]);
  });

  it('given a 16-bit gray PNG, when decoded, then 8-bit gray', async () => {
    const png = await sharp({ create: { width: 3, height: 2, channels: 3, background: { r: 90, g: 90, b: 90 } } })
      .toColourspace('grey16')
      .png()
      .toBuffer();
    const frame = await codec.decode(new Uint8Array(png), LIMIT);
    expect(frame.channels).toBe(1);
    expect([...frame.data]).toEqual([90, 90, 90, 90, 90, 90]);
  });

  it('given an RGBA PNG, when decoded, then RGB with the alpha dropped', async () => {
    const png = await sharp({ create: { width: 4, height: 3, channels: 4, background: { r: 10, g: 20, b: 30, alpha: 0.5 } } }).png().toBuffer();
    const frame = await codec.decode(new Uint8Array(png), LIMIT);
    expect(frame.channels).toBe(3);
    expect(frame.data.length).toBe(4 * 3 * 3);
    expect([...frame.data.subarray(0, 3)]).toEqual([10, 20, 30]);
  });

  it('given a frame, when encoded to PNG and decoded again, then the pixels are identical', async () => {
    const data = new Uint8Array(7 * 5 * 3).map((_, i) => (i * 37) % 256);
    const png = await codec.encodePng({ width: 7, height: 5, channels: 3, data });
    const back = await codec.decode(png, LIMIT);
    expect(back).toMatchObject({ width: 7, height: 5, channels: 3 });
    expect([...back.data]).toEqual([...data]);
  });

  it('given a frame whose data does not match its size, when encoded, then a problem rather than a crash', async () => {
    const err = await codec.encodePng({ width: 4, height: 4, channels: 1, data: new Uint8Array(3) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProblemError);
  });
});

describe.skipIf(!existsSync(NEU))(`sharp codec on NEU-DET${!existsSync(NEU) ? ' (skipped: ../shared/datasets/neu-det is absent)' : ''}`, () => {
  // NEU-DET's grey steel images are stored as 3-channel JPEGs; the codec keeps what the file declares.
  it('given a NEU-DET JPEG of grey steel, when decoded, then a 200×200 frame with equal channels and real texture', async () => {
    const file = readdirSync(NEU).find((f) => f.endsWith('.jpg'))!;
    const bytes = readFileSync(`${NEU}/${file}`);
    const frame = await codec.decode(new Uint8Array(bytes), LIMIT);
    expect([frame.width, frame.height, frame.channels]).toEqual([200, 200, (await sharp(bytes).metadata()).channels]);
    if (frame.channels === 3) expect(Math.abs(frame.data[300] - frame.data[301])).toBeLessThan(4);
    expect(new Set(frame.data).size).toBeGreaterThan(20);
  });
});
