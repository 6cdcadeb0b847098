/** Options of the mixed-precision search, as a zod object. */
import { z } from 'zod';
import { EvalTask } from '../evaluate/report-schema';
import { Int8Options } from '../quantize/options';
import { TargetId } from '../targets/profiles';
import { Budget } from './budget';

export const SearchOptions = z
  .object({
    budget: Budget,
    objective: z.enum(['speed', 'size']).default('speed'),
    /** Where the model will run; default this machine's CPU profile. */
    target: TargetId.optional(),
    task: EvalTask.optional(),
    /** Anomaly: fail when score > threshold; default chosen on the FP32 model (≤ 1% false rejects). */
    threshold: z.number().optional(),
    decoder: z.enum(['yolo', 'fastestdet', 'ssd']).optional(),
    /** Calibration images each unit's output error is measured on. */
    sensitivitySamples: z.number().int().positive().max(10000).default(16),
    /** Also score each unit quantized alone on the held-out set (one pass over it per unit). */
    sensitivityOnVal: z.boolean().default(false),
    /** How the INT8 parts are calibrated and quantized (as `precision int8`). */
    int8: Int8Options.prefault({}),
    /** Measure throughput of the result and of FP32 (skipped by tests that only check choices). */
    measureSpeed: z.boolean().default(true),
    intraOpThreads: z.number().int().positive().optional(),
  })
  .strict();
export type SearchOptions = z.output<typeof SearchOptions>;
export type SearchOptionsInput = z.input<typeof SearchOptions>;
