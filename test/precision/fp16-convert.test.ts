import * as ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { compareOutput, floatsOf } from '@/lib/precision/fp16/compare';
import { convertToFp16 } from '@/lib/precision/fp16/convert';
import { floatsToHalfBits } from '@/lib/precision/fp16/half';
import { OnnxGraphBuilder } from '@/lib/precision/onnx/builder';
import { convNet } from './fp16-models';

const { onnx } = onnxProto;
const FLOAT16 = onnx.TensorProto.DataType.FLOAT16;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const input = () => Float32Array.from({ length: 3 * 16 * 16 }, (_, i) => ((i * 7) % 13) / 13);

async function runOnce(bytes: Uint8Array, half: boolean) {
  const s = await ort.InferenceSession.create(bytes, { logSeverityLevel: 3 });
  const x = half ? new ort.Tensor('float16', floatsToHalfBits(input()), [1, 3, 16, 16]) : new ort.Tensor('float32', input(), [1, 3, 16, 16]);
  const out = await s.run({ x });
  await s.release();
  return out.score;
}

describe('convertToFp16 on built models', () => {
  it('given a weight-dominated conv net, when converted, then the file is at most 0.51× and the output stays within 1%', async () => {
    const fp32 = convNet();
    const r = convertToFp16(fp32, { keepIoTypes: true });
    if (!r.ok) throw new Error(r.problems[0].message);
    expect(r.report.sizeBytes.ratio).toBeLessThanOrEqual(0.51);
    const cmp = compareOutput('score', floatsOf(await runOnce(fp32, false)), floatsOf(await runOnce(r.bytes, false)));
    expect(cmp.relativeError).toBeLessThan(0.01);
  });

  it('given the default block list, when converted, then Resize stays float32 between Casts and its scales stay float32', () => {
    const r = convertToFp16(convNet(8));
    if (!r.ok) throw new Error(r.problems[0].message);
    const g = r.model.graph!;
    expect(r.report.blocked).toEqual([expect.objectContaining({ opType: 'Resize', reason: 'op-block-list' })]);
    const resize = g.node!.find((n) => n.opType === 'Resize')!;
    const producer = g.node!.find((n) => n.output!.includes(resize.input![0]))!;
    expect(producer.opType).toBe('Cast');
    expect(Number(producer.attribute![0].i)).toBe(FLOAT);
    const consumer = g.node!.find((n) => n.input!.includes(resize.output![0]))!;
    expect(consumer.opType).toBe('Cast');
    expect(Number(consumer.attribute![0].i)).toBe(FLOAT16);
    expect(g.initializer!.find((t) => t.name === 'scales')!.dataType).toBe(FLOAT);
    expect(g.initializer!.find((t) => t.name === 'w2')!.dataType).toBe(FLOAT16);
    expect(g.initializer!.find((t) => t.name === 'flat')!.dataType).toBe(onnx.TensorProto.DataType.INT64);
  });

  it('given a Constant value_float and a Cast to float, when converted, then both produce float16', () => {
    const r = convertToFp16(convNet(8), { keepIoTypes: true });
    if (!r.ok) throw new Error(r.problems[0].message);
    const nodes = r.model.graph!.node!;
    const constant = nodes.find((n) => n.opType === 'Constant')!;
    expect(constant.attribute![0].name).toBe('value');
    expect(constant.attribute![0].t!.dataType).toBe(FLOAT16);
    const cast = nodes.find((n) => n.opType === 'Cast' && n.output![0].startsWith('cast_'))!;
    expect(Number(cast.attribute![0].i)).toBe(FLOAT16);
  });

  it('given no keepIoTypes, when converted, then the input and output are float16 and the model runs on float16 feeds', async () => {
    const fp32 = convNet(8);
    const r = convertToFp16(fp32);
    if (!r.ok) throw new Error(r.problems[0].message);
    expect(r.report.inputs).toEqual([{ name: 'x', type: 'float16' }]);
    expect(r.report.outputs).toEqual([{ name: 'score', type: 'float16' }]);
    const out = await runOnce(r.bytes, true);
    expect(out.type).toBe('float16');
    expect(compareOutput('score', floatsOf(await runOnce(fp32, false)), floatsOf(out)).relativeError).toBeLessThan(0.01);
  });

  it('given blockNodes naming a node, when converted, then that node stays float32 and the rest is float16', () => {
    const r = convertToFp16(convNet(8), { blockNodes: ['Conv_2'], blockOps: [] });
    if (!r.ok) throw new Error(r.problems[0].message);
    expect(r.report.blocked).toEqual([{ node: 'Conv_2', opType: 'Conv', reason: 'node-block-list' }]);
    // w2 is used only by the blocked Conv: it keeps its float32 precision instead of being rounded.
    expect(r.model.graph!.initializer!.find((t) => t.name === 'w2')!.dataType).toBe(FLOAT);
    expect(r.model.graph!.initializer!.find((t) => t.name === 'w1')!.dataType).toBe(FLOAT16);
  });

  it('given weights beyond the float16 range or tiny, when converted, then they are clamped to ±65504 and raised, never Inf or 0', () => {
    const b = new OnnxGraphBuilder({ name: 'w' });
    const x = b.input('x', [4]);
    b.op('Mul', [x, b.initializer('w', [4], [1e6, -1e6, 1e-12, -1e-12])], {}, 'y');
    b.output('y', [4]);
    const r = convertToFp16(onnx.ModelProto.encode(b.build()).finish());
    if (!r.ok) throw new Error(r.problems[0].message);
    expect(r.report.initializers).toMatchObject({ clampedLarge: 2, raisedTiny: 2 });
    const raw = r.model.graph!.initializer![0].rawData!;
    const bits = Array.from({ length: 4 }, (_, i) => raw[2 * i] | (raw[2 * i + 1] << 8));
    expect(bits[0]).toBe(0x7bff); // 65504
    expect(bits[1]).toBe(0xfbff); // -65504
    expect(bits[2]).toBe(0x0002); // 1e-7 → the second-smallest subnormal
    expect(bits[3]).toBe(0x8002);
  });
});
