import type { Field } from '../field';

export const SURFACES = ['brushed-metal', 'textile', 'painted-panel'] as const;
export type SurfaceName = (typeof SURFACES)[number];

/** A freshly generated, unlit surface: luminance field, its colour, and how busy its texture is. */
export interface SurfaceTexture {
  field: Field;
  /** RGB gains relative to luminance (used for RGB frames only). */
  tint: [number, number, number];
  /** Standard deviation of the texture in gray levels: defects scale their contrast against it. */
  textureStd: number;
}
