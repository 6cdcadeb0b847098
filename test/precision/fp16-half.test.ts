import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floatsToHalf, fromHalfBits, toHalfBits } from '@/lib/precision/fp16/half';

describe('float16 encoding', () => {
  it('given known values, when encoded, then the bits are the IEEE binary16 ones', () => {
    expect([1, -2, 0.5, 65504, 6.103515625e-5, 5.960464477539063e-8, 0, -0].map(toHalfBits)).toEqual([
      0x3c00, 0xc000, 0x3800, 0x7bff, 0x0400, 0x0001, 0x0000, 0x8000,
    ]);
    expect(toHalfBits(65520)).toBe(0x7c00); // rounds up to Inf
    expect(toHalfBits(NaN) & 0x7c00).toBe(0x7c00);
    expect(toHalfBits(1 + 2 ** -11)).toBe(0x3c00); // halfway: ties to even
    expect(toHalfBits(1 + 3 * 2 ** -11)).toBe(0x3c02);
  });

  it('given every float16 bit pattern that is finite, when decoded and re-encoded, then the bits come back', () => {
    for (let h = 0; h < 0x10000; h++) {
      if ((h & 0x7c00) === 0x7c00) continue;
      expect(toHalfBits(fromHalfBits(h))).toBe(h);
    }
  });

  it('given any float in range, when rounded to float16, then the relative error is at most 2^-11', () => {
    fc.assert(
      fc.property(fc.double({ min: 6.2e-5, max: 65000, noNaN: true }), (v) => {
        expect(Math.abs(fromHalfBits(toHalfBits(v)) - v) / v).toBeLessThanOrEqual(2 ** -11 + 1e-12);
      }),
    );
  });

  it('given weights out of range, when converted with limits, then none becomes Inf or 0', () => {
    const counts = { clampedLarge: 0, raisedTiny: 0 };
    const bits = floatsToHalf([1e9, -1e9, 1e-20, -1e-20, 0, Infinity], 1e-7, 65504, counts);
    expect(Array.from(bits, fromHalfBits)).toEqual([65504, -65504, 2 ** -23, -(2 ** -23), 0, Infinity]);
    expect(counts).toEqual({ clampedLarge: 2, raisedTiny: 2 });
  });
});
