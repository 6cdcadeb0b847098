/** Shared fixtures for the ONNX model-layer tests: the real models in ../shared and wire helpers. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { OnnxGraphBuilder } from '@/lib/precision/onnx/builder';
import { onnx } from '@/lib/precision/onnx/proto';

export const SHARED_MODELS = path.resolve(process.cwd(), '../shared/models');
export const HAVE_SHARED = existsSync(SHARED_MODELS);
export const MODELS = {
  mnist: path.join(SHARED_MODELS, 'mnist-8/mnist-8.onnx'),
  fastestdet: path.join(SHARED_MODELS, 'fastestdet/FastestDet.onnx'),
  ultraface: path.join(SHARED_MODELS, 'ultraface-rfb-320/ultraface_version-RFB-320.onnx'),
};

/** A protobuf length-delimited field: tag, length, payload. */
export function field(no: number, payload: Uint8Array | string): Uint8Array {
  const body = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
  return concat(varint(no * 8 + 2), varint(body.length), body);
}

export function varint(n: number): Uint8Array {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return Uint8Array.from(out);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(Buffer.concat(parts));
}

/** y = relu(x · w + b), written by onnx-proto's own encoder (which packs `dims`, unlike onnx.proto). */
export function tinyModelBytes(): Uint8Array {
  const b = new OnnxGraphBuilder({ name: 'tiny' });
  const x = b.input('x', ['batch', 3]);
  const w = b.initializer('w', [3, 2], [1, 0, 0, 1, -1, 1]);
  const bias = b.initializer('b', [2], [0.5, -0.5]);
  b.op('Relu', [b.op('Add', [b.op('MatMul', [x, w]), bias])], {}, 'y');
  b.op('ReduceMax', ['y'], { axes: [1], keepdims: 0 }, 'peak');
  b.output('y', ['batch', 2]);
  b.output('peak', ['batch']);
  return onnx.ModelProto.encode(b.build()).finish();
}

/** Seeded bytes (mulberry32), so "random" inputs are the same on every run. */
export function seededBytes(seed: number, length: number): Uint8Array {
  let a = seed >>> 0;
  return Uint8Array.from({ length }, () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) & 0xff;
  });
}
