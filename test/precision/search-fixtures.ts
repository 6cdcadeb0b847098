/**
 * The search tests' model and images. The model tells whether the left or the right half of a
 * 16×16 gray image is brighter: conv_a (3×3 box filter) → ReLU → conv_b (1×1) → ReLU → Flatten →
 * gemm (left sum − right sum). A layer made "sensitive" gets an outlier weight of 500 on a channel
 * that is always zero: harmless in FP32, but a per-tensor INT8 scale of 500/127 rounds its real
 * weights (≤ 1) to zero, so quantizing that layer alone erases the signal.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { OnnxGraphBuilder } from '@/lib/precision/onnx/builder';
import { onnx } from '@/lib/precision/onnx';

export type Layer = 'conv_a' | 'conv_b' | 'gemm';
export const SIZE = 16;

export function halvesModel(sensitive: Layer[]): Uint8Array {
  const b = new OnnxGraphBuilder({ name: 'halves', opset: 17 });
  const x = b.input('x', ['N', 1, SIZE, SIZE]);
  const outlier = (layer: Layer) => (sensitive.includes(layer) ? 500 : 0);
  // conv_a: ch0 = box mean, ch1 = −box − 0.1 (always ≤ 0, so 0 after ReLU), ch2 = outlier × ch1's filter.
  const box = Array(9).fill(1 / 9);
  const wa = [...box, ...box.map((v) => -v), ...box.map(() => -outlier('conv_a'))];
  const a = b.op('Relu', [b.op('Conv', [x, b.initializer('wa', [3, 1, 3, 3], wa), b.initializer('ba', [3], [0, -0.1, -0.1])], { pads: [1, 1, 1, 1] })]);
  // conv_b: out0 = a0, out1 = 0.5·a0, out2 = outlier × a1 (= 0).
  const wb = [1, 0, 0, 0.5, 0, 0, 0, outlier('conv_b'), 0];
  const c = b.op('Relu', [b.op('Conv', [a, b.initializer('wb', [3, 3, 1, 1], wb), b.initializer('bb', [3], [0, 0, 0])])]);
  const flat = b.op('Flatten', [c], { axis: 1 });
  // gemm (transB): logit0 = (Σ left − Σ right of out0) / 128, logit1 the opposite; out2 gets the outlier.
  const plane = SIZE * SIZE;
  const w = new Float32Array(2 * 3 * plane);
  for (let i = 0; i < plane; i++) {
    const left = i % SIZE < SIZE / 2 ? 1 : -1;
    w[i] = left / 128;
    w[3 * plane + i] = -left / 128;
    w[2 * plane + i] = outlier('gemm');
  }
  b.op('Gemm', [flat, b.initializer('wg', [2, 3 * plane], w), b.initializer('bg', [2], [0, 0])], { transB: 1 }, 'logits');
  b.output('logits', ['N', 2]);
  return onnx.ModelProto.encode(b.build()).finish();
}

/** An anomaly set for the same model (its score is the larger logit, |left − right|): `good/` with even halves, `uneven/` defects. */
export async function unevenImages(count: number, seed: number): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'loupe-uneven-'));
  let state = seed * 104729 + 3;
  const rand = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < count; i++) {
    const good = i % 2 === 0;
    const base = 60 + Math.floor(rand() * 120);
    const gap = good ? 0 : 40 + Math.floor(rand() * 40);
    const dir = join(root, good ? 'good' : 'uneven');
    await mkdir(dir, { recursive: true });
    const leftUp = rand() < 0.5;
    await writeFile(join(dir, `img-${String(i).padStart(3, '0')}.png`), await halvesPng(base + (leftUp ? gap : 0), base + (leftUp ? 0 : gap), rand));
  }
  return root;
}

async function halvesPng(left: number, right: number, rand: () => number): Promise<Buffer> {
  const px = Buffer.alloc(SIZE * SIZE);
  for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) px[y * SIZE + x] = Math.max(0, Math.min(255, (x < SIZE / 2 ? left : right) + Math.floor(rand() * 21) - 10));
  return sharp(px, { raw: { width: SIZE, height: SIZE, channels: 1 } }).png().toBuffer();
}

/** `count` images, half of each class, into `<root>/0` (left brighter) and `<root>/1`, or flat when `flat`. */
export async function halvesImages(count: number, seed: number, flat = false): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'loupe-halves-'));
  let state = seed * 7919 + 17;
  const rand = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < count; i++) {
    const cls = i % 2;
    const base = 60 + Math.floor(rand() * 120);
    const gap = 25 + Math.floor(rand() * 60);
    const [left, right] = cls === 0 ? [base + gap, base] : [base, base + gap];
    const dir = flat ? root : join(root, String(cls));
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `img-${String(i).padStart(3, '0')}.png`), await halvesPng(left, right, rand));
  }
  return root;
}
