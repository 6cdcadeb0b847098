import * as ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { convertToFp16 } from '@/lib/precision/fp16/convert';
import { fromHalfBits, toHalfBits } from '@/lib/precision/fp16/half';
import { OnnxGraphBuilder } from '@/lib/precision/onnx/builder';
import { ifModel } from './fp16-models';

const { onnx } = onnxProto;

describe('FP16 conversion edge cases', () => {
  it('given an If whose branches read an outer float16 tensor, when converted, then the If stays float32, reads a Cast, and runs right', async () => {
    const r = convertToFp16(ifModel());
    if (!r.ok) throw new Error(r.problems[0].message);
    expect(r.report.blocked).toEqual([{ node: 'if', opType: 'If', reason: 'subgraph' }]);
    const ifNode = r.model.graph!.node!.find((n) => n.opType === 'If')!;
    const thenMul = ifNode.attribute!.find((a) => a.name === 'then_branch')!.g!.node![0];
    expect(thenMul.input![0]).not.toBe('r');
    expect(r.model.graph!.node!.find((n) => n.output!.includes(thenMul.input![0]))!.opType).toBe('Cast');
    const s = await ort.InferenceSession.create(r.bytes, { logSeverityLevel: 3 });
    const x = new ort.Tensor('float16', Uint16Array.from([1, -1, 0.5, 2].map(toHalfBits)), [1, 4]);
    for (const [cond, expected] of [[true, [2, 0, 1, 4]], [false, [-1, 0, -0.5, -2]]] as const) {
      const out = await s.run({ x, c: new ort.Tensor('bool', [cond], []) });
      const z = Array.from(out.z.data as Uint16Array, fromHalfBits);
      expected.forEach((v, i) => expect(z[i]).toBeCloseTo(1 / (1 + Math.exp(-v)), 3));
    }
    await s.release();
  });

  it('given bytes that are not ONNX, when converted, then the problem says so', () => {
    const r = convertToFp16(new TextEncoder().encode('this is a JPEG, honest'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].code).toBe('model.not-onnx');
  });

  it('given an opset below 7, when converted, then the problem names the opset', () => {
    const r = convertToFp16(ifModel(5));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ code: 'model.unsupported', message: expect.stringContaining('Opset 5') });
  });

  it('given weights in an external file, when converted, then the problem names the tensor', () => {
    const b = new OnnxGraphBuilder({ name: 'ext' });
    b.op('Mul', [b.input('x', [2]), b.initializer('w', [2], [1, 2])], {}, 'y');
    b.output('y', [2]);
    const model = b.build();
    const w = model.graph!.initializer![0];
    w.rawData = new Uint8Array();
    w.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
    w.externalData = [{ key: 'location', value: 'weights.bin' }];
    const r = convertToFp16(onnx.ModelProto.encode(model).finish());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ code: 'model.unsupported', message: expect.stringMatching(/"w".*external/) });
  });

  it('given blockNodes naming no node, or an unknown option, when converted, then the options are refused', () => {
    const r1 = convertToFp16(ifModel(), { blockNodes: ['nope'] });
    expect(!r1.ok && r1.problems[0]).toMatchObject({ code: 'run.bad-options', message: expect.stringContaining('nope') });
    const r2 = convertToFp16(ifModel(), { keepIOTypes: true } as never);
    expect(!r2.ok && r2.problems[0].code).toBe('run.bad-options');
  });
});
