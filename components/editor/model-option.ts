import type { MeasuredVariants } from '@/lib/models/measured-variants';

/** A model file the inspector offers for a model node, with its input/output shapes in words and its precision variants. */
export interface ModelOption extends Partial<MeasuredVariants> {
  path: string;
  shapes?: string;
}
