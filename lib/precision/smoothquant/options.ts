/** Options of SmoothQuant before INT8 quantization, as a zod object. */
import { z } from 'zod';

/** α is how much of an activation outlier moves into the weights: 0 = none, 1 = all of it. */
export const SmoothAlpha = z.union([z.number().min(0).max(1), z.literal('auto')]);

export const SmoothQuantOptions = z
  .object({
    alpha: SmoothAlpha.default(0.5),
    /** Candidates tried by alpha 'auto'; the one with the least INT8 output error vs FP32 wins. */
    grid: z.array(z.number().min(0).max(1)).min(1).default([0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]),
    /** Calibration images used per candidate (the first ones, sorted by path) and for its error. */
    searchImages: z.number().int().positive().default(32),
    opTypes: z.array(z.enum(['Conv', 'Gemm', 'MatMul'])).min(1).default(['Conv', 'Gemm', 'MatMul']),
  })
  .strict();

export type SmoothQuantOptions = z.infer<typeof SmoothQuantOptions>;
export type SmoothQuantOptionsInput = z.input<typeof SmoothQuantOptions>;

/** `--smoothquant` text → α: a number in [0, 1] or 'auto'; anything else is undefined. */
export function parseAlpha(text: string): number | 'auto' | undefined {
  const t = text.trim();
  if (t === 'auto') return 'auto';
  const v = t === '' ? NaN : Number(t);
  return Number.isFinite(v) && v >= 0 && v <= 1 ? v : undefined;
}
