import type { TruthDefect } from '@/lib/pipeline/values';
import type { Field } from '../field';
import type { Rng } from '../prng';

export const DEFECT_KINDS = ['scratch', 'spot', 'crack', 'dent'] as const;
export type DefectKind = (typeof DEFECT_KINDS)[number];

/** Paints one defect into the surface and says where it is; null if it fell outside the image. */
export type PaintDefect = (f: Field, rng: Rng) => TruthDefect | null;

/** Keeps defect centres away from the border so that most of each defect is in view. */
export function placeCentre(f: Field, rng: Rng, margin: number): [number, number] {
  const mx = Math.min(margin, f.width / 3);
  const my = Math.min(margin, f.height / 3);
  return [rng.range(mx, f.width - mx), rng.range(my, f.height - my)];
}
