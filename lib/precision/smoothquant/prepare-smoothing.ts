/**
 * Everything SmoothQuant needs before choosing α: the prepared FP32 model (BatchNorm folded, as
 * the quantizer sees it), the groups of Conv/Gemm/MatMul readers per activation, and each
 * activation's per-channel max |x| over the calibration images (one streamed pass). `smoothedWith(α)`
 * then makes a smoothed FP32 copy without touching the prepared model, so many α can be tried.
 */
import { problem, ProblemError, type Problem } from '@/lib/pipeline/problems';
import { augmentForCalibration } from '../calibrate/augment-model';
import { collectStatistics } from '../calibrate/collect-statistics';
import { listCalibrationImages } from '../calibrate/list-images';
import { prepareModel, type Prepared } from '../quantize/prepare-model';
import { graphOf, onnx } from '../quantize/proto';
import type { Int8Request } from '../quantize/quantize-static';
import { applySmoothing, type SmoothingReport } from './apply-smoothing';
import type { SmoothQuantOptions } from './options';
import { findSmoothTargets } from './targets';

export interface Smoothing {
  ok: true;
  prepared: Prepared;
  files: string[];
  dims: [number, number, number, number];
  channelMax: Map<string, Float32Array>;
  smoothedWith(alpha: number): { bytes: Uint8Array; report: SmoothingReport };
}

export async function prepareSmoothing(req: Int8Request, o: Pick<SmoothQuantOptions, 'opTypes'>): Promise<Smoothing | { ok: false; problems: Problem[] }> {
  const where = req.modelName ?? 'the model';
  const prepared = await prepareModel(req.model, where);
  if (!prepared.ok) return prepared;
  const images = await listCalibrationImages(req.calibFolder, req.options?.maxImages);
  if (!images.ok) return images;
  const groups = findSmoothTargets(graphOf(prepared.model), o.opTypes);
  const [n, c, h, w] = prepared.inputDims;
  const dims: [number, number, number, number] = [n ?? req.options?.batchSize ?? 8, c, h, w];
  let channelMax: Map<string, Float32Array>;
  try {
    const stats = await collectStatistics({
      modelBytes: augmentForCalibration(prepared.model, groups.map((g) => g.tensor)),
      inputName: prepared.inputName,
      inputDims: dims,
      files: images.files,
      spec: req.spec,
      tensors: [],
      channelAxes: new Map(groups.map((g) => [g.tensor, g.axis])),
      onProgress: req.onProgress,
    });
    channelMax = stats.channelMax;
  } catch (err) {
    if (err instanceof ProblemError) return { ok: false, problems: err.problems };
    return { ok: false, problems: [problem('model.unsupported', `Calibration run of ${where} failed in ONNX Runtime: ${(err as Error).message}`)] };
  }
  const smoothedWith = (alpha: number) => {
    const copy = onnx.ModelProto.decode(onnx.ModelProto.encode(prepared.model).finish());
    const report = applySmoothing(copy, findSmoothTargets(graphOf(copy), o.opTypes), channelMax, alpha);
    return { bytes: onnx.ModelProto.encode(copy).finish(), report };
  };
  return { ok: true, prepared, files: images.files, dims, channelMax, smoothedWith };
}
