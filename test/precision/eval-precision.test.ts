/** detectPrecision: a variant's precision read from its graph, not trusted from its name. */
import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectPrecision } from '@/lib/precision/evaluate/detect-precision';
import { OnnxGraphBuilder } from '@/lib/precision/onnx/builder';
import { readModel } from '@/lib/precision/onnx/read-model';
import { MODELS } from './onnx-fixtures';

function graph(ops: ('int8' | 'fp16')[]) {
  const b = new OnnxGraphBuilder({ name: 'p' });
  let t = b.input('x', [1, 4]);
  if (ops.includes('int8')) {
    const q = b.op('QuantizeLinear', [t, b.initializer('s', [], [0.1]), b.initializer('z', [], [0], 'int64')]);
    t = b.op('DequantizeLinear', [q, 's', 'z']);
  }
  if (ops.includes('fp16')) t = b.op('Cast', [b.op('Cast', [t], { to: 10 })], { to: 1 });
  b.op('Relu', [t], {}, 'y');
  b.output('y', [1, 4]);
  return b.build();
}

describe('detectPrecision', () => {
  it('given plain, QDQ, float16-cast and both kinds of graph, when read, then fp32, int8, fp16 and mixed', () => {
    expect(detectPrecision(graph([]))).toBe('fp32');
    expect(detectPrecision(graph(['int8']))).toBe('int8');
    expect(detectPrecision(graph(['fp16']))).toBe('fp16');
    expect(detectPrecision(graph(['int8', 'fp16']))).toBe('mixed');
  });
  it('given a search result named .mixed.onnx, when read, then it is mixed whatever it holds', () => {
    expect(detectPrecision(graph(['int8']), '/m/net.mixed.onnx')).toBe('mixed');
  });
  it.skipIf(!existsSync(MODELS.mnist))('given the real MNIST file named m.int8.onnx, when read, then the graph wins: fp32', () => {
    expect(detectPrecision(readModel(new Uint8Array(readFileSync(MODELS.mnist))), '/m/m.int8.onnx')).toBe('fp32');
  });
});
