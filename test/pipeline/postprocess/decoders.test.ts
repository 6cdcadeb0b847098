import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFastestDet } from '@/lib/pipeline/postprocess/decode-fastestdet';
import { decodeSsd } from '@/lib/pipeline/postprocess/decode-ssd';
import { decodeYolo } from '@/lib/pipeline/postprocess/decode-yolo';
import { nms } from '@/lib/pipeline/postprocess/nms';
import { looksLikeProbabilities, softmax } from '@/lib/pipeline/postprocess/softmax';

describe('detector decoders', () => {
  it('given a FastestDet grid with one confident cell, when decoded, then the box follows (cell + tanh)/grid and sigmoid sizes, scored obj^0.6·cls^0.4', () => {
    const [C, H, W] = [7, 4, 4];
    const data = new Float32Array(C * H * W);
    const cell = 2 * W + 1; // gy = 2, gx = 1
    const set = (c: number, v: number) => (data[c * H * W + cell] = v);
    set(0, 0.9);
    set(1, 0); // tanh(0) = 0: centre at the cell's corner
    set(2, Math.atanh(0.5));
    set(3, 0); // sigmoid(0) = 0.5 of the width
    set(4, Math.log(0.25 / 0.75)); // sigmoid = 0.25
    set(5, 0.1);
    set(6, 0.8);
    const [d, ...rest] = decodeFastestDet({ data, channels: C, gridH: H, gridW: W }, { width: 400, height: 200 }, 0.5);
    expect(rest).toEqual([]);
    expect(d.classId).toBe(1);
    expect(d.score).toBeCloseTo(0.9 ** 0.6 * 0.8 ** 0.4, 6);
    const [cx, cy] = [(1 / 4) * 400, (2.5 / 4) * 200];
    expect(d.box[0]).toBeCloseTo(cx - 100, 4);
    expect(d.box[1]).toBeCloseTo(cy - 25, 4);
    expect(d.box[2]).toBeCloseTo(200, 4);
    expect(d.box[3]).toBeCloseTo(50, 4);
  });

  it('given random FastestDet grids with class probabilities, when decoded, then the result is what scoring every cell gives', () => {
    const [C, H, W] = [6, 3, 5];
    const everyCell = (data: Float32Array, threshold: number) => {
      const plane = H * W;
      const kept: { cell: number; classId: number; score: number }[] = [];
      for (let cell = 0; cell < plane; cell++) {
        let [best, classId] = [0, 0];
        for (let c = 5; c < C; c++) if (data[c * plane + cell] > best) [best, classId] = [data[c * plane + cell], c - 5];
        const score = Math.pow(Math.max(0, data[cell]), 0.6) * Math.pow(best, 0.4);
        if (score > threshold) kept.push({ cell, classId, score });
      }
      return kept;
    };
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: 0, max: 1, noNaN: true }), { minLength: C * H * W, maxLength: C * H * W }),
        fc.oneof(fc.constant(0), fc.float({ min: 0, max: 1, noNaN: true })),
        (values, threshold) => {
          const data = Float32Array.from(values);
          const got = decodeFastestDet({ data, channels: C, gridH: H, gridW: W }, { width: 100, height: 60 }, threshold);
          const want = everyCell(data, threshold);
          expect(got.map((d) => [d.classId, d.score])).toEqual(want.map((k) => [k.classId, k.score]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('given YOLO rows in v5 and transposed v8 layouts, when decoded, then both give the same box and class', () => {
    const row = [50, 40, 20, 10, 0.9, 0.2, 0.7];
    const v5 = decodeYolo({ data: Float32Array.from([...row, 0, 0, 1, 1, 0.1, 0.5, 0.5]), boxes: 2, features: 7, transposed: false, objectness: true }, 0.3);
    expect(v5).toHaveLength(1);
    expect(v5[0]).toMatchObject({ classId: 1, box: [40, 35, 20, 10] });
    expect(v5[0].score).toBeCloseTo(0.63, 5);
    const v8Rows = [[50, 40, 20, 10, 0.2, 0.7], [1, 1, 1, 1, 0.1, 0.1]];
    const transposed = Float32Array.from(Array.from({ length: 6 }, (_, f) => v8Rows.map((r) => r[f])).flat());
    const v8 = decodeYolo({ data: transposed, boxes: 2, features: 6, transposed: true, objectness: false }, 0.3);
    expect(v8).toEqual([{ classId: 1, box: [40, 35, 20, 10], score: expect.closeTo(0.7, 5) }]);
  });

  it('given SSD scores with a background column and normalised corners, when decoded, then background is never a class', () => {
    const scores = Float32Array.from([0.1, 0.9, 0.95, 0.05]);
    const boxes = Float32Array.from([0.1, 0.2, 0.3, 0.6, 0, 0, 1, 1]);
    const out = decodeSsd({ scores, boxes, anchors: 2, classes: 2 }, { width: 100, height: 50 }, 0.5);
    expect(out).toHaveLength(1);
    expect(out[0].classId).toBe(1);
    expect(out[0].box.map((v) => Math.round(v * 1000) / 1000)).toEqual([10, 10, 20, 20]);
  });
});

describe('class-aware NMS', () => {
  it('given overlapping boxes of one class and an overlapping box of another, when suppressed, then only the same-class duplicate goes', () => {
    const kept = nms(
      [
        { box: [0, 0, 10, 10], classId: 0, score: 0.8 },
        { box: [1, 1, 10, 10], classId: 0, score: 0.9 },
        { box: [1, 1, 10, 10], classId: 1, score: 0.5 },
        { box: [50, 50, 10, 10], classId: 0, score: 0.4 },
      ],
      0.45,
      10,
    );
    expect(kept.map((k) => [k.classId, k.score])).toEqual([[0, 0.9], [1, 0.5], [0, 0.4]]);
    expect(nms(kept, 0.45, 2)).toHaveLength(2);
  });
});

describe('softmax', () => {
  it('given logits, when softmaxed, then they become probabilities; probabilities are recognised as such', () => {
    const p = softmax([1000, 1001, 999]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(p[1]).toBeGreaterThan(p[0]);
    expect(looksLikeProbabilities(p)).toBe(true);
    expect(looksLikeProbabilities([2, -1, 0])).toBe(false);
  });
});
