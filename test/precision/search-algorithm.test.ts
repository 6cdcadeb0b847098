/**
 * The search's raise-then-lower rule on its own, with a scoring rule written out in the test
 * (which units must be at FP16 or above for the budget to hold), so every step is predictable.
 */
import { describe, expect, it } from 'vitest';
import type { Assignment } from '@/lib/precision/search/build-variant';
import { mixedSearch } from '@/lib/precision/search/mixed-search';
import type { NodePrecision } from '@/lib/precision/search/precision-ladder';

const rank: Record<NodePrecision, number> = { int8: 0, fp16: 1, fp32: 2 };
const needs = (units: string[]) => async (a: Assignment) => {
  const short = units.filter((u) => rank[a.get(u)!] < rank.fp16).length;
  return { met: short === 0, excess: short, lostPoints: short * 10 };
};

describe('mixed-precision search rule', () => {
  it('given a and c must be FP16 or above, when searched most-sensitive-first a, b, c, then b is raised on the way and lowered back after', async () => {
    const r = await mixedSearch({ ranking: ['a', 'b', 'c'], ladder: ['int8', 'fp16', 'fp32'], score: needs(['a', 'c']) });
    expect(Object.fromEntries(r.assignment)).toEqual({ a: 'fp16', b: 'int8', c: 'fp16' });
    expect(r.check.met).toBe(true);
    expect(r.history.map((s) => [s.action, s.unit, s.kept])).toEqual([
      ['start', undefined, undefined],
      ['raise', 'a', undefined],
      ['raise', 'b', undefined],
      ['raise', 'c', undefined],
      ['lower', 'c', false],
      ['lower', 'b', true],
      ['lower', 'a', false],
    ]);
  });

  it('given a budget nothing meets, when searched, then every unit ends at the top and the closest candidate is the best found', async () => {
    const r = await mixedSearch({ ranking: ['a', 'b'], ladder: ['int8', 'fp32'], score: async () => ({ met: false, excess: 1 }) });
    expect(r.check.met).toBe(false);
    expect(Object.fromEntries(r.assignment)).toEqual({ a: 'fp32', b: 'fp32' });
    expect(r.best.check.excess).toBe(1);
    expect(r.history).toHaveLength(3);
  });
});
