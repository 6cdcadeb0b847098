import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOps } from '@/lib/pipeline/preprocess/apply-ops';
import { createFusedKernel } from '@/lib/pipeline/preprocess/fused-kernel';
import { planFusedPass, type FusedPlan } from '@/lib/pipeline/preprocess/fused-plan';
import { shapeAfterOps } from '@/lib/pipeline/preprocess/shape-after-ops';
import type { PreprocessOp } from '@/lib/pipeline/preprocess-ops';
import type { Frame } from '@/lib/pipeline/values';
import { applyStepByStep, toPlanar } from './reference-ops';
import { frameArbitrary } from './frame-arbitrary';

/** An op described by fractions, resolved against the image it will meet so that it is valid there. */
const opSeed = fc.record({
  kind: fc.constantFrom('crop', 'resize', 'resize-nearest', 'grayscale', 'normalize'),
  a: fc.double({ min: 0, max: 1, noNaN: true }),
  b: fc.double({ min: 0, max: 1, noNaN: true }),
  c: fc.double({ min: 0, max: 1, noNaN: true }),
  d: fc.double({ min: 0, max: 1, noNaN: true }),
  size: fc.tuple(fc.integer({ min: 1, max: 17 }), fc.integer({ min: 1, max: 17 })),
  stats: fc.array(fc.double({ min: 0.1, max: 2, noNaN: true }), { minLength: 6, maxLength: 6 }),
  three: fc.boolean(),
  bgr: fc.boolean(),
});

type Seed = typeof opSeed extends fc.Arbitrary<infer T> ? T : never;

function resolve(seeds: Seed[], frame: Frame): PreprocessOp[] {
  let shape = { width: frame.width, height: frame.height, channels: frame.channels as 1 | 3 };
  return seeds.map((s) => {
    const op = resolveOne(s, shape);
    shape = shapeAfterOps(shape, [op]) as typeof shape;
    return op;
  });
}

function resolveOne(s: Seed, shape: { width: number; height: number; channels: 1 | 3 }): PreprocessOp {
  switch (s.kind) {
    case 'crop': {
      const x = Math.floor(s.a * (shape.width - 1));
      const y = Math.floor(s.b * (shape.height - 1));
      return { op: 'crop', x, y, width: 1 + Math.floor(s.c * (shape.width - x - 1)), height: 1 + Math.floor(s.d * (shape.height - y - 1)) };
    }
    case 'resize':
    case 'resize-nearest':
      return { op: 'resize', width: s.size[0], height: s.size[1], filter: s.kind === 'resize' ? 'bilinear' : 'nearest' };
    case 'grayscale':
      return { op: 'grayscale' };
    case 'normalize': {
      const n = s.three && shape.channels === 3 ? 3 : 1;
      return { op: 'normalize', scale: 0.5 + s.a, mean: s.stats.slice(0, n), std: s.stats.slice(3, 3 + n), order: s.bgr ? 'bgr' : 'rgb' };
    }
  }
  throw new Error('unreachable');
}

const frameArb = frameArbitrary(13, 13);

describe('fused preprocessing kernel', () => {
  it('given any chain of crop/resize/grayscale/normalize in any order, when fused into one pass, then it equals applying the ops one at a time', () => {
    fc.assert(
      fc.property(frameArb, fc.array(opSeed, { maxLength: 6 }), fc.integer({ min: 0, max: 5 }), (frame, seeds, offset) => {
        const ops = resolve(seeds, frame);
        const expected = toPlanar(applyStepByStep(frame, ops));
        const out = new Float32Array(offset + expected.length + 3).fill(-99);
        const plan = createFusedKernel(ops).writeTensor(frame, out, offset);
        expect('error' in plan).toBe(false);
        for (let i = 0; i < expected.length; i++) {
          expect(Math.abs(out[offset + i] - expected[i])).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(expected[i])));
        }
        expect(out[offset + expected.length]).toBe(-99);
        if (offset > 0) expect(out[offset - 1]).toBe(-99);
      }),
      { numRuns: 400 },
    );
  });

  it('given any chain without normalize, when applied unfused as an 8-bit frame, then it is the step-by-step result rounded', () => {
    fc.assert(
      fc.property(frameArb, fc.array(opSeed, { maxLength: 5 }), (frame, seeds) => {
        const ops = resolve(seeds, frame).filter((o) => o.op !== 'normalize');
        const expected = applyStepByStep(frame, ops);
        const out = applyOps(frame, ops);
        if ('error' in out) throw new Error(out.error);
        expect([out.width, out.height, out.channels]).toEqual([expected.width, expected.height, expected.channels]);
        for (let i = 0; i < expected.data.length; i++) expect(Math.abs(out.data[i] - expected.data[i])).toBeLessThanOrEqual(0.5 + 1e-6);
      }),
      { numRuns: 200 },
    );
  });

  it('given a bilinear resize of a gray or RGB frame, to one or three channels, when fused, then every value is the taps summed in plan order, bit for bit', () => {
    const sized = frameArb.filter((f) => f.width > 1 && f.height > 1);
    fc.assert(
      fc.property(sized, fc.integer({ min: 1, max: 17 }), fc.integer({ min: 1, max: 17 }), fc.boolean(), (frame, width, height, toGray) => {
        const ops: PreprocessOp[] = [
          { op: 'resize', width, height, filter: 'bilinear' },
          ...(toGray ? [{ op: 'grayscale' as const }] : []),
          { op: 'normalize', scale: 1 / 255, mean: [0.2], std: [0.7], order: 'bgr' },
        ];
        const plan = planFusedPass(ops, frame) as FusedPlan;
        if (plan.xs.k !== 2 || plan.ys.k !== 2) return;
        const { xs, ys, xOffset, yOffset, colour } = plan;
        const plane = width * height;
        const out = new Float32Array(plane * colour.outChannels);
        createFusedKernel(ops).writeTensor(frame, out, 0);
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) {
            // The general pass's tap loop, per source channel, then the colour map.
            const sampled = Array.from({ length: frame.channels }, (_, k) => {
              let v = 0;
              for (let ty = 0; ty < 2; ty++) for (let tx = 0; tx < 2; tx++) v += ys.weight[2 * y + ty] * xs.weight[2 * x + tx] * frame.data[yOffset[2 * y + ty] + xOffset[2 * x + tx] + k];
              return v;
            });
            for (let c = 0; c < colour.outChannels; c++) {
              const value = sampled.reduce((sum, v, k) => (k === 0 ? colour.m[c * frame.channels] * v : sum + colour.m[c * frame.channels + k] * v), 0) + colour.b[c];
              expect(out[c * plane + y * width + x]).toBe(Math.fround(value));
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('given a crop outside the frame, when planned, then it gives a reason instead of reading past the pixels', () => {
    const frame: Frame = { width: 10, height: 8, channels: 1, data: new Uint8Array(80) };
    const result = createFusedKernel([{ op: 'crop', x: 4, y: 0, width: 8, height: 8 }]).writeTensor(frame, new Float32Array(64), 0);
    expect(result).toEqual({ error: expect.stringContaining('exceeds the width 10') });
  });

  it('given 3 mean values for a gray frame, when planned, then it says how many it needs', () => {
    const frame: Frame = { width: 2, height: 2, channels: 1, data: new Uint8Array(4) };
    const op: PreprocessOp = { op: 'normalize', scale: 1, mean: [1, 2, 3], std: [1], order: 'rgb' };
    expect(createFusedKernel([op]).plan(frame)).toEqual({ error: expect.stringContaining('give 1 or 1') });
  });

  it('given a tensor too small for the item, when written, then it refuses rather than writing out of range', () => {
    const frame: Frame = { width: 4, height: 4, channels: 3, data: new Uint8Array(48) };
    expect(createFusedKernel([]).writeTensor(frame, new Float32Array(40), 0)).toEqual({ error: expect.stringContaining('no room') });
  });
});
