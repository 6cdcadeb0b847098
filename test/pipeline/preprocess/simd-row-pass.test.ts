import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPass } from '@/lib/pipeline/preprocess/fused-kernel';
import { planFusedPass, type FusedPlan } from '@/lib/pipeline/preprocess/fused-plan';
import { readsWholeRows, rowPass } from '@/lib/pipeline/preprocess/row-pass';
import { simdRowPass, STRIP_BYTES } from '@/lib/pipeline/preprocess/simd/simd-row-pass';
import type { PreprocessOp } from '@/lib/pipeline/preprocess-ops';
import type { Frame } from '@/lib/pipeline/values';
import { kernelModuleText, WASM_KERNELS } from '@/scripts/wasm/compile-wat';
import { frameArbitrary } from './frame-arbitrary';

/** The three passes' outputs for one frame at batch item 1 of 3, the rest of the tensor left at -7. */
function passes(plan: FusedPlan, frame: Frame) {
  const size = plan.channels * plan.width * plan.height;
  const tensors = [0, 1, 2].map(() => new Float32Array(size * 3).fill(-7));
  const ran = simdRowPass(plan, frame, tensors[0], size);
  rowPass(plan, frame, tensors[1], size);
  runPass(plan, frame, tensors[2], size, { channel: plan.width * plan.height, row: plan.width, pixel: 1 });
  return { ran, simd: tensors[0], js: tensors[1], general: tensors[2] };
}

/** The first element whose bits differ (so -0 and 0 differ too), or undefined when the arrays are identical. */
function firstDifference(a: Float32Array, b: Float32Array): { at: number; a: number; b: number } | undefined {
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  if (x.length !== y.length) return { at: Math.min(x.length, y.length), a: NaN, b: NaN };
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return { at: i, a: a[i], b: b[i] };
  return undefined;
}

const frameArb = frameArbitrary(53, 21);

const opsArb = (f: Frame) =>
  fc.record({
    crop: fc.option(fc.record({ x: fc.nat(f.width - 1), y: fc.nat(f.height - 1), w: fc.integer({ min: 1, max: f.width }), h: fc.integer({ min: 1, max: f.height }) })),
    gray: fc.boolean(),
    scale: fc.constantFrom(1, 1 / 255, 2 / 255, 0.0039),
    // One value for all channels, or one per channel where the model gets three.
    mean: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 1, maxLength: f.channels }),
    std: fc.array(fc.double({ min: 0.05, max: 3, noNaN: true }), { minLength: 1, maxLength: f.channels }),
    order: fc.constantFrom('rgb' as const, 'bgr' as const),
  }).map(({ crop, gray, scale, mean, std, order }): PreprocessOp[] => {
    const channels = gray ? 1 : f.channels;
    const fit = (values: number[]) => (values.length === channels ? values : values.slice(0, 1));
    return [
      ...(crop ? [{ op: 'crop' as const, x: crop.x, y: crop.y, width: Math.min(crop.w, f.width - crop.x), height: Math.min(crop.h, f.height - crop.y) }] : []),
      ...(gray ? [{ op: 'grayscale' as const }] : []),
      { op: 'normalize' as const, scale, mean: fit(mean), std: fit(std), order },
    ];
  });

const weight = fc.oneof(fc.constant(0), fc.constant(-0), fc.double({ min: -4, max: 4, noNaN: true }));
/** Any 3×3 map, or one with a single weight per row from distinct channels (the kernel's per-channel form). */
const mapArb = fc.oneof(
  fc.array(weight, { minLength: 9, maxLength: 9 }),
  fc.tuple(fc.constantFrom([0, 1, 2], [2, 1, 0], [1, 2, 0], [0, 2, 1]), fc.array(fc.double({ min: -4, max: 4, noNaN: true, noDefaultInfinity: true }), { minLength: 3, maxLength: 3 })).map(([from, w]) => {
    const m = new Array<number>(9).fill(0);
    from.forEach((k, c) => (m[c * 3 + k] = w[c]));
    return m;
  }),
);

describe('row pass in WebAssembly SIMD', () => {
  it('given frames of any size, crops, grayscale and normalize, when written, then SIMD, JavaScript and the general pass agree bit for bit', () => {
    fc.assert(
      fc.property(frameArb.chain((f) => fc.tuple(fc.constant(f), opsArb(f))), ([frame, ops]) => {
        const plan = planFusedPass(ops, frame) as FusedPlan;
        expect(readsWholeRows(plan, frame.channels)).toBe(true);
        const { ran, simd, js, general } = passes(plan, frame);
        expect(ran).toBe(true);
        expect(firstDifference(simd, js)).toBeUndefined();
        expect(firstDifference(simd, general)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('given any colour map, sparse or full, when an RGB frame is written, then SIMD matches the JavaScript pass bit for bit', () => {
    fc.assert(
      fc.property(frameArb.filter((f) => f.channels === 3), mapArb, fc.array(weight, { minLength: 3, maxLength: 3 }), fc.constantFrom(1 as const, 3 as const), (frame, m, b, outChannels) => {
        const base = planFusedPass([], frame) as FusedPlan;
        const plan: FusedPlan = { ...base, channels: outChannels, colour: { inChannels: 3, outChannels, m: Float64Array.from(m.slice(0, outChannels * 3)), b: Float64Array.from(b.slice(0, outChannels)) } };
        const { ran, simd, js } = passes(plan, frame);
        expect(ran).toBe(true);
        expect(firstDifference(simd, js)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('given frames large enough to be written in many strips, cropped or whole, when written, then SIMD and JavaScript agree bit for bit', () => {
    fc.assert(
      fc.property(frameArbitrary(640, 90).filter((f) => f.width * f.height * 4 > 2 * STRIP_BYTES).chain((f) => fc.tuple(fc.constant(f), opsArb(f))), ([frame, ops]) => {
        const plan = planFusedPass(ops, frame) as FusedPlan;
        const { ran, simd, js } = passes(plan, frame);
        expect(ran).toBe(true);
        expect(firstDifference(simd, js)).toBeUndefined();
      }),
      { numRuns: 40 },
    );
  });

  it('given a 352×352 BGR frame (FastestDet\'s input), when normalized, then the kernel\'s per-channel form writes the same tensor as JavaScript', () => {
    const frame: Frame = { width: 352, height: 352, channels: 3, data: Uint8Array.from({ length: 352 * 352 * 3 }, (_, i) => (i * 97 + (i >> 7)) & 255) };
    const plan = planFusedPass([{ op: 'normalize', scale: 1 / 255, mean: [0], std: [1], order: 'bgr' }], frame) as FusedPlan;
    const { ran, simd, js } = passes(plan, frame);
    expect(ran).toBe(true);
    expect(firstDifference(simd, js)).toBeUndefined();
    // BGR: plane 0 of item 1 is the blue byte of the first pixel.
    expect(simd[plan.channels * 352 * 352]).toBe(Math.fround(frame.data[2] / 255));
  });

  it.each(WASM_KERNELS.map((k) => [k.source.split('/').pop()!, k]))('given %s, when compiled now, then its committed module holds the same bytes (run npm run wasm:build)', async (_name, kernel) => {
    expect(readFileSync(kernel.module, 'utf8')).toBe(await kernelModuleText(kernel));
  });
});
