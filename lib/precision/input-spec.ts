/**
 * What a model's image input wants: the same facts a pipeline's preprocessing compiles to, as a
 * small JSON file the precision tools read (`--input spec.json`). Pixels are resized to
 * width×height, put in the given channel order, then mapped by (x·scale − mean) / std per channel.
 */
import { z } from 'zod';

const perChannel = z.union([z.number(), z.array(z.number()).min(1).max(3)]);

export const InputSpec = z
  .object({
    width: z.number().int().positive().max(8192),
    height: z.number().int().positive().max(8192),
    channels: z.enum(['gray', 'rgb', 'bgr']),
    scale: z.number().positive().default(1 / 255),
    mean: perChannel.default(0),
    std: perChannel.default(1),
    layout: z.literal('nchw').default('nchw'),
  })
  .strict()
  .refine((s) => [s.std].flat().every((v) => v !== 0), { message: 'std must not be 0', path: ['std'] });

export type InputSpec = z.infer<typeof InputSpec>;

/** Number of planes the tensor has: 1 for gray, 3 for colour. */
export function planesOf(spec: InputSpec): 1 | 3 {
  return spec.channels === 'gray' ? 1 : 3;
}

/** mean/std for plane c: a single number applies to every plane. */
export function perPlane(value: number | number[], c: number): number {
  return typeof value === 'number' ? value : (value[c] ?? value[value.length - 1]);
}
