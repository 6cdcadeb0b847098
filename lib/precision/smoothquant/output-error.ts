/**
 * How far a quantized model's outputs are from the FP32 model's on the same inputs: Σ(q − f)² /
 * Σ f² over every output of every batch (relative squared error; 0 = identical). Inputs are the
 * first calibration images, preprocessed as in calibration.
 */
import * as ort from 'onnxruntime-node';
import { imageIntoTensor } from '../calibrate/image-tensor';
import type { InputSpec } from '../input-spec';

export interface SampleBatches {
  inputName: string;
  batches: ort.Tensor[];
}

export async function sampleBatches(files: string[], spec: InputSpec, inputName: string, dims: [number, number, number, number]): Promise<SampleBatches> {
  const [n, c, h, w] = dims;
  const batches: ort.Tensor[] = [];
  for (let start = 0; start < files.length; start += n) {
    const data = new Float32Array(n * c * h * w);
    for (let k = 0; k < n; k++) await imageIntoTensor(files[Math.min(start + k, files.length - 1)], spec, data, k * c * h * w);
    batches.push(new ort.Tensor('float32', data, dims));
  }
  return { inputName, batches };
}

export async function outputsOf(model: Uint8Array, samples: SampleBatches): Promise<Float32Array[]> {
  const session = await ort.InferenceSession.create(model, { logSeverityLevel: 3 });
  try {
    const out: Float32Array[] = [];
    for (const b of samples.batches) {
      const r = await session.run({ [samples.inputName]: b });
      for (const name of session.outputNames) out.push(Float32Array.from(r[name].data as Float32Array));
    }
    return out;
  } finally {
    await session.release();
  }
}

export function relativeError(reference: Float32Array[], actual: Float32Array[]): number {
  let num = 0;
  let den = 0;
  reference.forEach((f, k) => {
    const q = actual[k];
    for (let i = 0; i < f.length; i++) {
      num += (q[i] - f[i]) ** 2;
      den += f[i] ** 2;
    }
  });
  return den > 0 ? num / den : num;
}
