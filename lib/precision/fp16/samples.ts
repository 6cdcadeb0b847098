/**
 * Sample inputs for the output check: the caller's (real images, preprocessed), or a synthetic
 * deterministic one in [0, 1) — the range most vision models are fed — with symbolic dims as 1.
 */
import * as ort from 'onnxruntime-node';
import { floatsToHalfBits } from './half';

/** One set of model inputs, by input name, as float32 values. */
export type SampleFeed = Record<string, { data: Float32Array; dims: number[] }>;

export function syntheticSample(session: ort.InferenceSession): SampleFeed | string {
  const feed: SampleFeed = {};
  for (const meta of session.inputMetadata) {
    if (!meta.isTensor || meta.type !== 'float32') return `input "${meta.name}" is not a float32 tensor; pass sample inputs explicitly`;
    const dims = meta.shape.map((d) => (typeof d === 'number' && d > 0 ? d : 1));
    const count = dims.reduce((a, b) => a * b, 1);
    // A fixed low-discrepancy sequence: the same numbers on every run and every machine.
    const data = Float32Array.from({ length: count }, (_, i) => (i * 0.6180339887498949) % 1);
    feed[meta.name] = { data, dims };
  }
  return feed;
}

/** ORT feeds for a session, encoding float16 where the (converted) model's input is float16. */
export function toFeeds(session: ort.InferenceSession, sample: SampleFeed): Record<string, ort.Tensor> | string {
  const feeds: Record<string, ort.Tensor> = {};
  for (const meta of session.inputMetadata) {
    const value = sample[meta.name];
    if (!value) return `the sample has no value for input "${meta.name}"`;
    const type = meta.isTensor ? meta.type : undefined;
    if (type === 'float16') feeds[meta.name] = new ort.Tensor('float16', floatsToHalfBits(value.data), value.dims);
    else if (type === 'float32') feeds[meta.name] = new ort.Tensor('float32', value.data, value.dims);
    else return `input "${meta.name}" has type ${type}; only float32/float16 inputs can be checked`;
  }
  return feeds;
}
