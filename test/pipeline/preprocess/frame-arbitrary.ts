/** fast-check frames for the preprocessing tests: any size up to the given one, gray or RGB, seeded pixels. */
import fc from 'fast-check';
import type { Frame } from '@/lib/pipeline/values';

export function frameArbitrary(maxWidth: number, maxHeight: number): fc.Arbitrary<Frame> {
  return fc
    .record({ width: fc.integer({ min: 1, max: maxWidth }), height: fc.integer({ min: 1, max: maxHeight }), channels: fc.constantFrom(1 as const, 3 as const), seed: fc.integer() })
    .map(({ width, height, channels, seed }): Frame => {
      const data = new Uint8Array(width * height * channels);
      let s = seed >>> 0;
      for (let i = 0; i < data.length; i++) data[i] = (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 24;
      return { width, height, channels, data };
    });
}
