import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byteFeedFor } from '@/lib/pipeline/model-node/byte-feed';
import { createFusedKernel } from '@/lib/pipeline/preprocess/fused-kernel';
import { STRIP_BYTES } from '@/lib/pipeline/preprocess/simd/row-pass-kernel';
import type { PreprocessOp } from '@/lib/pipeline/preprocess-ops';
import type { Frame } from '@/lib/pipeline/values';
import { frameArbitrary } from './frame-arbitrary';

type Geometric = Extract<PreprocessOp, { op: 'crop' | 'resize' }>;

const geometryArb = (f: Frame) =>
  fc
    .record({
      crop: fc.option(fc.record({ x: fc.nat(f.width - 1), y: fc.nat(f.height - 1), w: fc.integer({ min: 1, max: f.width }), h: fc.integer({ min: 1, max: f.height }) })),
      resize: fc.option(fc.record({ width: fc.integer({ min: 1, max: 70 }), height: fc.integer({ min: 1, max: 30 }) })),
    })
    .map(({ crop, resize }): Geometric[] => [
      ...(crop ? [{ op: 'crop' as const, x: crop.x, y: crop.y, width: Math.min(crop.w, f.width - crop.x), height: Math.min(crop.h, f.height - crop.y) }] : []),
      ...(resize ? [{ op: 'resize' as const, ...resize, filter: 'nearest' as const }] : []),
    ]);

/**
 * The bytes the byte pass writes for `ops`, beside the reference: the float pass over the same
 * geometry with a normalize that only reorders channels (scale 1, no shift), whose values are the
 * picked bytes themselves. Both at batch item 1 of 3, the rest of the tensors left untouched.
 */
function bothPasses(frame: Frame, geometry: Geometric[], order: 'rgb' | 'bgr') {
  const ops: PreprocessOp[] = [...geometry, { op: 'normalize', scale: 1 / 255, mean: [0.5], std: [0.25], order }];
  const feed = byteFeedFor(ops, { name: 'x', dynamicBatch: false, channels: frame.channels });
  if (!feed) throw new Error('picking pixels must allow a byte feed');
  const bytes = createFusedKernel(ops);
  const plan = bytes.plan(frame);
  if ('error' in plan) throw new Error(plan.error);
  const size = plan.channels * plan.width * plan.height;
  const out = new Uint8Array(size * 3).fill(7);
  const wrote = bytes.writeBytes(frame, out, size, feed.planeOf);
  const reference = new Float32Array(size * 3).fill(7);
  createFusedKernel([...geometry, { op: 'normalize', scale: 1, mean: [0], std: [1], order }]).writeTensor(frame, reference, size);
  return { wrote, out, reference, feed };
}

describe('the byte pass for a model fed 8-bit pixels', () => {
  it('given any frame, crop and nearest resize, when written as bytes, then each plane holds the picked bytes in the model\'s channel order, and nothing else is touched', () => {
    fc.assert(
      fc.property(frameArbitrary(53, 21).chain((f) => fc.tuple(fc.constant(f), geometryArb(f), fc.constantFrom('rgb' as const, 'bgr' as const))), ([frame, geometry, order]) => {
        const { wrote, out, reference } = bothPasses(frame, geometry, order);
        expect('error' in wrote).toBe(false);
        expect(Array.from(out)).toEqual(Array.from(reference));
      }),
      { numRuns: 300 },
    );
  });

  it('given an RGB frame larger than several strips, when written as bytes to BGR, then every strip lands in place', () => {
    const width = 200;
    const height = Math.ceil((4.5 * STRIP_BYTES) / (width * 3));
    const data = Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 2654435761) >>> 24);
    for (const geometry of [[], [{ op: 'crop' as const, x: 3, y: 5, width: 150, height: height - 9 }]]) {
      const { out, reference, feed } = bothPasses({ width, height, channels: 3, data }, geometry, 'bgr');
      expect(feed.planeOf).toEqual([2, 1, 0]);
      expect(Array.from(out)).toEqual(Array.from(reference));
    }
  });

  it('given a frame whose data is short, or planes for the wrong channel count, when written, then it says why and writes nothing', () => {
    const kernel = createFusedKernel([{ op: 'normalize', scale: 1 / 255, mean: [0], std: [1], order: 'rgb' }]);
    const out = new Uint8Array(48).fill(9);
    expect(kernel.writeBytes({ width: 4, height: 4, channels: 3, data: new Uint8Array(40) }, out, 0, [0, 1, 2])).toEqual({ error: expect.stringMatching(/shorter/) });
    expect(kernel.writeBytes({ width: 4, height: 4, channels: 3, data: new Uint8Array(48) }, out, 0, [0])).toEqual({ error: expect.stringMatching(/1 channel planes for a 3-channel frame/) });
    expect(out.every((v) => v === 9)).toBe(true);
  });
});

describe('the pixel pass for a model that reads interleaved pixels', () => {
  it('given any frame, crop and nearest resize, when written as pixels, then each item holds the picked pixels as they are (HWC, the frame\'s channel order), and nothing else is touched', () => {
    fc.assert(
      fc.property(frameArbitrary(53, 21).chain((f) => fc.tuple(fc.constant(f), geometryArb(f))), ([frame, geometry]) => {
        const { reference } = bothPasses(frame, geometry, 'rgb');
        const kernel = createFusedKernel([...geometry, { op: 'normalize', scale: 1 / 255, mean: [0], std: [1], order: 'rgb' }]);
        const plan = kernel.plan(frame);
        if ('error' in plan) throw new Error(plan.error);
        const size = plan.channels * plan.width * plan.height;
        const out = new Uint8Array(size * 3).fill(7);
        expect('error' in kernel.writePixels(frame, out, size)).toBe(false);
        const pixels = plan.width * plan.height;
        const interleaved = Array.from({ length: size }, (_, i) => reference[size + (i % plan.channels) * pixels + Math.floor(i / plan.channels)]);
        expect(Array.from(out.subarray(size, 2 * size))).toEqual(interleaved);
        expect([...out.subarray(0, size), ...out.subarray(2 * size)].every((v) => v === 7)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('when a model stage may feed bytes', () => {
  const image = (channels?: 1 | 3) => ({ name: 'x', dynamicBatch: true, channels });
  const normalize = (o: Partial<Extract<PreprocessOp, { op: 'normalize' }>> = {}): PreprocessOp => ({ op: 'normalize', scale: 1 / 255, mean: [0], std: [1], order: 'rgb', ...o });

  it('given a normalize from BGR with a mean and std per channel, when planned, then the model gets each channel\'s scale and shift in its own order', () => {
    const feed = byteFeedFor([{ op: 'crop', x: 1, y: 1, width: 8, height: 8 }, normalize({ scale: 1 / 255, mean: [0.4, 0.5, 0.6], std: [0.2, 0.25, 0.5], order: 'bgr' })], image(3));
    expect(feed?.planeOf).toEqual([2, 1, 0]);
    expect(feed?.input).toBe('x');
    [0.2, 0.25, 0.5].forEach((std, c) => {
      expect(feed!.scale[c]).toBeCloseTo(1 / 255 / std, 15);
      expect(feed!.bias[c]).toBeCloseTo(-[0.4, 0.5, 0.6][c] / std, 15);
    });
  });

  it('given preprocessing that makes values between bytes, or a model whose channel count is open, when planned, then the stage feeds floats', () => {
    expect(byteFeedFor([{ op: 'resize', width: 10, height: 10, filter: 'bilinear' }, normalize()], image(3))).toBeUndefined();
    expect(byteFeedFor([{ op: 'grayscale' }, normalize()], image(1))).toBeUndefined();
    expect(byteFeedFor([normalize({ scale: 0 })], image(3))).toBeUndefined();
    expect(byteFeedFor([normalize()], image(undefined))).toBeUndefined();
    expect(byteFeedFor([{ op: 'resize', width: 10, height: 10, filter: 'nearest' }], image(1))).toEqual({ input: 'x', scale: [1], bias: [0], planeOf: [0] });
  });
});
