/**
 * Measured per-layer sensitivity: each unit quantized alone (everything else FP32), run on the
 * first calibration images next to the FP32 model, scored by how far its outputs move — SQNR in
 * dB (higher is safer) and relative L2 error ‖q − f‖ / ‖f‖ over all outputs. Streams: a few
 * variant sessions are open at a time and each image is decoded, run and folded into sums before
 * the next, so memory does not grow with the number of images.
 */
import * as ort from 'onnxruntime-node';
import { imageIntoTensor } from '../calibrate/image-tensor';
import type { InputSpec } from '../input-spec';
import { buildVariant } from './build-variant';
import type { CalibratedModel } from './calibrated-model';
import type { NodePrecision } from './precision-ladder';
import { sqnrDb } from './weight-ranking';

export interface OutputError {
  sqnrDb: number;
  relativeL2: number;
}

export interface SensitivityRequest {
  cm: CalibratedModel;
  spec: InputSpec;
  /** The precision each unit is tried at (the ladder's lowest). */
  precision: NodePrecision;
  samples: number;
  /** Variant sessions open at once. */
  group?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function measureSensitivity(req: SensitivityRequest): Promise<Map<string, OutputError>> {
  const { cm } = req;
  const files = cm.calibrationFiles.slice(0, Math.max(1, req.samples));
  const dims = [1, cm.inputDims[1], cm.inputDims[2], cm.inputDims[3]];
  const input = new Float32Array(dims[1] * dims[2] * dims[3]);
  const options: ort.InferenceSession.SessionOptions = { logSeverityLevel: 3, intraOpNumThreads: 1 };
  const reference = await ort.InferenceSession.create(cm.fp32Bytes, options);
  const result = new Map<string, OutputError>();
  const group = req.group ?? 4;
  try {
    for (let start = 0; start < cm.units.length; start += group) {
      const units = cm.units.slice(start, start + group);
      const sessions: ort.InferenceSession[] = [];
      try {
        for (const u of units) sessions.push(await ort.InferenceSession.create(buildVariant(cm, new Map([[u.id, req.precision]])), options));
        const sums = units.map(() => ({ signal: 0, noise: 0 }));
        for (const file of files) {
          await imageIntoTensor(file, req.spec, input, 0);
          const feed = { [cm.inputName]: new ort.Tensor('float32', input, dims) };
          const ref = await reference.run(feed);
          for (const [k, s] of sessions.entries()) accumulate(ref, await s.run(feed), reference.outputNames, sums[k]);
        }
        units.forEach((u, k) => result.set(u.id, toError(sums[k])));
      } finally {
        for (const s of sessions) await s.release();
      }
      req.onProgress?.(Math.min(start + group, cm.units.length), cm.units.length);
    }
  } finally {
    await reference.release();
  }
  return result;
}

function accumulate(ref: ort.InferenceSession.OnnxValueMapType, got: ort.InferenceSession.OnnxValueMapType, names: readonly string[], sum: { signal: number; noise: number }): void {
  for (const name of names) {
    const f = ref[name].data as Float32Array;
    const q = got[name].data as Float32Array;
    for (let i = 0; i < f.length; i++) {
      sum.signal += f[i] * f[i];
      // A non-finite output is as bad as it gets: count it as losing the whole signal.
      const d = Number.isFinite(q[i]) ? q[i] - f[i] : Math.max(1, Math.abs(f[i]));
      sum.noise += d * d;
    }
  }
}

function toError(s: { signal: number; noise: number }): OutputError {
  return { sqnrDb: round(sqnrDb(s.signal, s.noise)), relativeL2: round(s.signal > 0 ? Math.sqrt(s.noise / s.signal) : Math.sqrt(s.noise)) };
}

const round = (v: number) => Number(v.toPrecision(4));
