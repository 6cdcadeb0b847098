/**
 * INT8 quantization with SmoothQuant in front: prepare the FP32 model, measure the per-channel
 * max |x| of every Conv/Gemm/MatMul input on the calibration images (streamed), smooth with α,
 * then quantize the smoothed model with the project's static quantizer. α 'auto' tries each α of
 * the grid on the first `searchImages` calibration images, scores each by its INT8 output error
 * against FP32, and also scores plain INT8: when no α beats it, the model is left unsmoothed and
 * the report says so rather than returning a worse model.
 */
import { problem } from '@/lib/pipeline/problems';
import { onnx } from '../quantize/proto';
import { quantizeStatic, type Int8Report, type Int8Request, type Int8Result } from '../quantize/quantize-static';
import type { SmoothingReport } from './apply-smoothing';
import { SmoothQuantOptions, type SmoothQuantOptionsInput } from './options';
import { outputsOf, relativeError, sampleBatches } from './output-error';
import { prepareSmoothing } from './prepare-smoothing';

export interface SmoothQuantReport {
  /** The α used; null when 'auto' found that no smoothing beats plain INT8. */
  alpha: number | null;
  smoothed: SmoothingReport['smoothed'];
  /** INT8 output error vs FP32 on the search images per α tried, and for plain INT8 ('auto' only). */
  search?: { alpha: number | null; error: number }[];
}

export type SmoothInt8Result = { ok: true; bytes: Uint8Array; report: Int8Report & { smoothQuant: SmoothQuantReport } } | Extract<Int8Result, { ok: false }>;

export async function smoothQuantize(req: Int8Request & { smooth: SmoothQuantOptionsInput }): Promise<SmoothInt8Result> {
  const parsed = SmoothQuantOptions.safeParse(req.smooth);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => problem('precision.bad-smoothquant', `SmoothQuant ${i.path.join('.') || 'option'}: ${i.message} (alpha is a number from 0 to 1, or "auto")`)) };
  const o = parsed.data;
  const ready = await prepareSmoothing(req, o);
  if (!ready.ok) return ready;
  const { files, prepared, dims, smoothedWith } = ready;
  // Inserted Muls stay float: quantizing them would put X's outliers back in one INT8 scale.
  const quantize = (bytes: Uint8Array, report: SmoothingReport | undefined, maxImages?: number) =>
    quantizeStatic({
      ...req,
      model: bytes,
      options: { ...req.options, maxImages: maxImages ?? req.options?.maxImages, excludeNodes: [...(req.options?.excludeNodes ?? []), ...(report?.smoothed.flatMap((s) => s.insertedMul ?? []) ?? [])] },
      onProgress: maxImages ? undefined : req.onProgress,
    });

  let alpha: number | null = typeof o.alpha === 'number' ? o.alpha : null;
  let search: SmoothQuantReport['search'];
  if (o.alpha === 'auto') {
    const count = Math.min(o.searchImages, files.length);
    const samples = await sampleBatches(files.slice(0, count), req.spec, prepared.inputName, dims);
    const reference = await outputsOf(onnx.ModelProto.encode(prepared.model).finish(), samples);
    search = [];
    for (const a of [null, ...o.grid]) {
      const s = a === null ? undefined : smoothedWith(a);
      const q = await quantize(s?.bytes ?? req.model, s?.report, count);
      if (!q.ok) return q;
      search.push({ alpha: a, error: relativeError(reference, await outputsOf(q.bytes, samples)) });
    }
    alpha = search.reduce((best, x) => (x.error < best.error ? x : best)).alpha;
  }
  const smoothed = alpha === null ? undefined : smoothedWith(alpha);
  const q = await quantize(smoothed?.bytes ?? req.model, smoothed?.report);
  if (!q.ok) return q;
  return { ok: true, bytes: q.bytes, report: { ...q.report, fp32Bytes: req.model.byteLength, smoothQuant: { alpha, smoothed: smoothed?.report.smoothed ?? [], search } } };
}
