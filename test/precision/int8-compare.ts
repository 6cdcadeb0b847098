/** Runs an FP32 and an INT8 model on the same images (spec-preprocessed) and compares outputs. */
import * as ort from 'onnxruntime-node';
import { imageIntoTensor } from '@/lib/precision/calibrate/image-tensor';
import { planesOf, type InputSpec } from '@/lib/precision/input-spec';

export async function runOnImages(model: Uint8Array, files: string[], spec: InputSpec): Promise<Float32Array[][]> {
  const session = await ort.InferenceSession.create(model, { logSeverityLevel: 3 });
  const dims = [1, planesOf(spec), spec.height, spec.width];
  const out: Float32Array[][] = [];
  for (const file of files) {
    const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
    await imageIntoTensor(file, spec, data, 0);
    const r = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', data, dims) });
    out.push(session.outputNames.map((n) => Float32Array.from(r[n].data as Float32Array)));
  }
  await session.release();
  return out;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return ab / Math.sqrt(aa * bb);
}

export function argmax(a: Float32Array): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i] > a[best]) best = i;
  return best;
}
