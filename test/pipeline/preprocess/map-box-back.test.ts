import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipBox, mapBoxBack } from '@/lib/pipeline/preprocess/map-box-back';
import type { PreprocessOp } from '@/lib/pipeline/preprocess-ops';
import type { Box } from '@/lib/pipeline/values';

/** The forward direction, written independently: where a box in the entering frame lands in the model input. */
function mapForward(box: Box, ops: PreprocessOp[], frame: { width: number; height: number }): Box {
  let [x, y, w, h] = box;
  let size = { ...frame };
  for (const op of ops) {
    if (op.op === 'crop') {
      x -= op.x;
      y -= op.y;
      size = { width: op.width, height: op.height };
    } else if (op.op === 'resize') {
      const [sx, sy] = [op.width / size.width, op.height / size.height];
      [x, w, y, h] = [x * sx, w * sx, y * sy, h * sy];
      size = { width: op.width, height: op.height };
    }
  }
  return [x, y, w, h];
}

describe('mapping boxes back through preprocessing', () => {
  it('given a crop then a resize, when a model box is mapped back, then it lands in the entering frame', () => {
    const ops: PreprocessOp[] = [
      { op: 'crop', x: 100, y: 50, width: 200, height: 100 },
      { op: 'grayscale' },
      { op: 'resize', width: 50, height: 50, filter: 'bilinear' },
    ];
    expect(mapBoxBack([10, 10, 5, 5], ops, { width: 640, height: 480 })).toEqual([140, 70, 20, 10]);
  });

  it('given any chain of crops and resizes, when mapped forward then back, then the box is unchanged', () => {
    const op = fc.oneof(
      fc.record({ op: fc.constant('crop' as const), x: fc.nat(20), y: fc.nat(20), width: fc.integer({ min: 1, max: 50 }), height: fc.integer({ min: 1, max: 50 }) }),
      fc.record({ op: fc.constant('resize' as const), width: fc.integer({ min: 1, max: 500 }), height: fc.integer({ min: 1, max: 500 }), filter: fc.constant('nearest' as const) }),
    );
    const num = fc.double({ min: -100, max: 100, noNaN: true });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 5 }), fc.tuple(num, num, num, num), (ops, box) => {
        const frame = { width: 640, height: 480 };
        const back = mapBoxBack(mapForward(box as Box, ops, frame), ops, frame);
        back.forEach((v, i) => expect(v).toBeCloseTo(box[i], 6));
      }),
    );
  });

  it('given a box partly outside the frame, when clipped, then it is cut at the edges', () => {
    expect(clipBox([-10, 5, 30, 500], { width: 100, height: 100 })).toEqual([0, 5, 20, 95]);
    expect(clipBox([200, 200, 5, 5], { width: 100, height: 100 })).toEqual([100, 100, 0, 0]);
  });
});
