import { describe, expect, it } from 'vitest';
import { makeFp16Variant } from '@/lib/precision/fp16/make-variant';
import { overflowModel } from './fp16-models';

// x up to 3: (relu(x) + 1)·1e5 reaches 4e5, far past float16's 65504. FP32 is fine throughout.
const samples = [{ x: { data: Float32Array.from([1, 0.5, 2, 3]), dims: [1, 4] } }];

describe('FP16 overflow refusal', () => {
  it('given a model whose Mul overflows float16, when converted, then no variant is produced and the Mul is named with blockNodes to use', async () => {
    const v = await makeFp16Variant(overflowModel(), { keepIoTypes: true }, { samples });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.problems[0].code).toBe('precision.non-finite');
    expect(v.problems[0].message).toContain('"Mul_2" (Mul)');
    expect(v.overflow).toMatchObject({ node: 'Mul_2', opType: 'Mul', at: 'node', blockNodes: ['Mul_2'] });
    expect(v).not.toHaveProperty('bytes');
  });

  it('given the Mul blocked, when converted, then the next refusal says its float32 output is too large for the float16 Div', async () => {
    const v = await makeFp16Variant(overflowModel(), { keepIoTypes: true, blockNodes: ['Mul_2'] }, { samples });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.overflow).toMatchObject({ node: 'Mul_2', at: 'cast', blockNodes: ['Div_3'] });
  });

  it('given every suggested node blocked, when converted, then the variant is produced and matches FP32', async () => {
    const v = await makeFp16Variant(overflowModel(), { keepIoTypes: true, blockNodes: ['Mul_2', 'Div_3'] }, { samples });
    expect(v.ok, JSON.stringify(!v.ok && v.problems)).toBe(true);
    if (!v.ok) return;
    const out = v.report.check!.outputs[0];
    expect(out.nonFinite).toBe(0);
    expect(out.relativeError).toBeLessThan(1e-3);
  });

  it('given inputs where nothing overflows, when converted, then the variant is produced (the check is on the given samples)', async () => {
    // relu(x) = 0, so the Mul gives exactly the clamped weight 65504: the largest finite float16.
    const small = [{ x: { data: Float32Array.from([-1, -0.5, -2, -3]), dims: [1, 4] } }];
    const v = await makeFp16Variant(overflowModel(), { keepIoTypes: true }, { samples: small });
    expect(v.ok).toBe(true);
  });
});
