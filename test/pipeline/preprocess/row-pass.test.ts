import { describe, expect, it } from 'vitest';
import { createFusedKernel, runPass } from '@/lib/pipeline/preprocess/fused-kernel';
import { planFusedPass, type FusedPlan } from '@/lib/pipeline/preprocess/fused-plan';
import { readsWholeRows } from '@/lib/pipeline/preprocess/row-pass';
import type { PreprocessOp } from '@/lib/pipeline/preprocess-ops';
import type { Frame } from '@/lib/pipeline/values';

function frame(width: number, height: number, channels: 1 | 3): Frame {
  const data = new Uint8Array(width * height * channels);
  for (let i = 0; i < data.length; i++) data[i] = (i * 131 + 7) % 256;
  return { width, height, channels, data };
}

const CASES: [string, Frame, PreprocessOp[]][] = [
  ['RGB, BGR order, per-channel normalize', frame(37, 23, 3), [{ op: 'normalize', scale: 1 / 255, mean: [0.4, 0.5, 0.6], std: [0.2, 0.25, 0.3], order: 'bgr' }]],
  ['RGB cropped, then grayscale', frame(40, 30, 3), [{ op: 'crop', x: 5, y: 3, width: 20, height: 11 }, { op: 'grayscale' }, { op: 'normalize', scale: 1 / 255, mean: [0.5], std: [0.5], order: 'rgb' }]],
  ['gray cropped and normalized', frame(33, 19, 1), [{ op: 'crop', x: 7, y: 2, width: 17, height: 9 }, { op: 'normalize', scale: 1 / 255, mean: [0], std: [1], order: 'rgb' }]],
  ['RGB untouched', frame(12, 9, 3), []],
  ['gray untouched and normalized (one straight run)', frame(31, 17, 1), [{ op: 'normalize', scale: 1 / 255, mean: [0.3], std: [0.7], order: 'rgb' }]],
  ['gray cropped to full-width rows (one straight run from row 4)', frame(20, 15, 1), [{ op: 'crop', x: 0, y: 4, width: 20, height: 7 }, { op: 'normalize', scale: 1 / 255, mean: [0], std: [1], order: 'rgb' }]],
];

describe('row pass (the fused kernel\'s no-resampling fast path)', () => {
  it.each(CASES)('given %s, when written at a batch offset, then it is bit-identical to the general pass', (_name, f, ops) => {
    const plan = planFusedPass(ops, f) as FusedPlan;
    expect(readsWholeRows(plan, f.channels)).toBe(true);
    const size = plan.channels * plan.width * plan.height;
    const fast = new Float32Array(size * 2).fill(-1);
    const general = new Float32Array(size * 2).fill(-1);
    createFusedKernel(ops).writeTensor(f, fast, size);
    runPass(plan, f, general, size, { channel: plan.width * plan.height, row: plan.width, pixel: 1 });
    expect(Array.from(fast)).toEqual(Array.from(general));
    expect(fast[size - 1]).toBe(-1);
  });

  it('given a resize or a nearest resize that skips pixels, when planned, then the fast path is not taken', () => {
    const f = frame(20, 10, 3);
    expect(readsWholeRows(planFusedPass([{ op: 'resize', width: 10, height: 5, filter: 'bilinear' }], f) as FusedPlan, 3)).toBe(false);
    expect(readsWholeRows(planFusedPass([{ op: 'resize', width: 10, height: 5, filter: 'nearest' }], f) as FusedPlan, 3)).toBe(false);
  });
});
