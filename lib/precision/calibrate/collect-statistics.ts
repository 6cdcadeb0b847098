/**
 * Streams the calibration images through the augmented model one batch at a time and folds each
 * requested tensor into a StreamingHistogram; nothing but the histograms outlives a batch, so
 * memory is bounded however many images there are. Tensors that turn out not to be float32
 * (shape arithmetic, indices) are reported so the planner can leave their nodes alone.
 */
import * as ort from 'onnxruntime-node';
import type { InputSpec } from '../input-spec';
import { ChannelAbsMax } from './channel-abs-max';
import { imageIntoTensor } from './image-tensor';
import { StreamingHistogram } from './streaming-histogram';

export interface CalibrationRun {
  modelBytes: Uint8Array;
  inputName: string;
  /** [N, C, H, W]: N is the batch per inference. */
  inputDims: [number, number, number, number];
  files: string[];
  spec: InputSpec;
  tensors: string[];
  /** Tensors whose per-channel max |x| is wanted too (SmoothQuant), with their channel axis. */
  channelAxes?: Map<string, number>;
  onProgress?: (done: number, total: number) => void;
}

export interface Statistics {
  histograms: Map<string, StreamingHistogram>;
  nonFloat: Set<string>;
  /** Per-channel max |x| of each tensor in `channelAxes`. */
  channelMax: Map<string, Float32Array>;
}

export async function collectStatistics(run: CalibrationRun): Promise<Statistics> {
  const session = await ort.InferenceSession.create(run.modelBytes, { graphOptimizationLevel: 'disabled', logSeverityLevel: 3 });
  const histograms = new Map(run.tensors.map((t) => [t, new StreamingHistogram()]));
  const nonFloat = new Set<string>();
  const [batch, c, h, w] = run.inputDims;
  const sample = c * h * w;
  const channels = new Map([...(run.channelAxes ?? [])].map(([t, axis]) => [t, new ChannelAbsMax(axis)]));
  const fetches = [...new Set([...run.tensors, ...channels.keys()])].filter((t) => t !== run.inputName && session.outputNames.includes(t));
  try {
    for (let start = 0; start < run.files.length; start += batch) {
      const data = new Float32Array(batch * sample);
      for (let k = 0; k < batch; k++) {
        // A fixed batch larger than what is left is padded by repeating the last image.
        const file = run.files[Math.min(start + k, run.files.length - 1)];
        await imageIntoTensor(file, run.spec, data, k * sample);
      }
      histograms.get(run.inputName)?.add(data);
      channels.get(run.inputName)?.add(data, run.inputDims);
      const results = await session.run({ [run.inputName]: new ort.Tensor('float32', data, run.inputDims) }, fetches);
      for (const name of fetches) {
        const t = results[name];
        if (t.type !== 'float32') nonFloat.add(name);
        else {
          histograms.get(name)?.add(t.data as Float32Array);
          channels.get(name)?.add(t.data as Float32Array, t.dims);
        }
        t.dispose();
      }
      run.onProgress?.(Math.min(start + batch, run.files.length), run.files.length);
    }
  } finally {
    await session.release();
  }
  for (const name of nonFloat) histograms.delete(name);
  const channelMax = new Map([...channels].filter(([t]) => !nonFloat.has(t)).map(([t, c]) => [t, c.values()]));
  return { histograms, nonFloat, channelMax };
}
