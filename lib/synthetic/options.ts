/** What a synthetic camera makes: the same schema serves the node's params and direct callers. */
import { z } from 'zod';
import { DEFECT_KINDS } from './defects/defect';
import { SURFACES } from './surfaces/surface';

export const syntheticOptionsSchema = z
  .object({
    /** 'mixed' picks one of the surfaces per part. */
    surface: z.enum([...SURFACES, 'mixed']).default('brushed-metal'),
    width: z.number().int().min(32).max(4096).default(256),
    height: z.number().int().min(32).max(4096).default(256),
    channels: z.enum(['gray', 'rgb']).default('gray'),
    /** Probability that a part carries at least one defect. */
    defectRate: z.number().min(0).max(1).default(0.1),
    defectKinds: z.array(z.enum(DEFECT_KINDS)).min(1).default([...DEFECT_KINDS]),
    /** Most defects on one defective part (1..maxDefects, fewer more likely). */
    maxDefects: z.number().int().min(1).max(10).default(3),
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    /** Parts to make; 0 = endless. */
    count: z.number().int().min(0).default(0),
  })
  .strict();

export type SyntheticOptions = z.output<typeof syntheticOptionsSchema>;
export type SyntheticOptionsInput = z.input<typeof syntheticOptionsSchema>;
