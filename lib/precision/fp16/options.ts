/**
 * FP16 conversion options. The default op block list keeps in float32 the ops that are known to
 * misbehave in float16 (index arithmetic, coordinate maths, large reductions) — the same idea as
 * onnxconverter-common's DEFAULT_OP_BLOCK_LIST, narrowed to what vision models contain.
 */
import { z } from 'zod';
import { FLOAT16_MAX } from './half';

export const DEFAULT_BLOCK_OPS = [
  // Coordinates and scales: sampling positions lose whole pixels at float16 resolution.
  'Resize',
  'Upsample',
  'RoiAlign',
  'GridSample',
  // Detection post-processing: ties and box maths.
  'NonMaxSuppression',
  'TopK',
  // Index/accumulation ops: float16 has 11 bits of mantissa, a running sum past 2048 drops ones.
  'Range',
  'CumSum',
  'ReduceSum',
  'ReduceMean',
  'ReduceProd',
  'ReduceL2',
  'ReduceSumSquare',
  'ReduceLogSumExp',
] as const;

export const Fp16OptionsSchema = z
  .object({
    /** Keep float32 graph inputs/outputs, with Casts at the boundary. */
    keepIoTypes: z.boolean().default(false),
    /** Op types kept in float32 (replaces the default list when given). */
    blockOps: z.array(z.string().min(1)).default([...DEFAULT_BLOCK_OPS]),
    /** Nodes kept in float32, by node name or by the name of their first output. */
    blockNodes: z.array(z.string().min(1)).default([]),
    /** Non-zero weights smaller than this are raised to it (sign kept) so they do not become 0. */
    minPositiveValue: z.number().positive().max(1e-3).default(1e-7),
    /** Finite weights beyond ± this are pinned to it so they do not become Inf. */
    maxFiniteValue: z.number().positive().max(FLOAT16_MAX).default(FLOAT16_MAX),
  })
  .strict();

export type Fp16Options = z.output<typeof Fp16OptionsSchema>;
export type Fp16OptionsInput = z.input<typeof Fp16OptionsSchema>;
