/**
 * One synthetic part: a procedural surface, 0..n seeded defects, lighting and sensor noise, plus
 * the ground truth. Part n of a seed depends only on (seed, n), so any part can be regenerated
 * on its own — a logged `synthetic:<seed>:<n>` origin is enough to see that part again.
 */
import type { Frame, GroundTruth, TruthDefect } from '@/lib/pipeline/values';
import { DEFECT_PAINTERS } from './defects';
import { applyLighting } from './lighting';
import type { SyntheticOptions } from './options';
import { createRng, mixSeed } from './prng';
import { SURFACE_MAKERS } from './surfaces';
import { SURFACES, type SurfaceName } from './surfaces/surface';
import { toFrame } from './to-frame';

export interface SyntheticPart {
  frame: Frame;
  truth: GroundTruth;
  surface: SurfaceName;
  origin: string;
}

export function generatePart(options: SyntheticOptions, index: number): SyntheticPart {
  const rng = createRng(mixSeed(options.seed, index));
  const surface = options.surface === 'mixed' ? SURFACES[index % SURFACES.length] : options.surface;
  const texture = SURFACE_MAKERS[surface](options.width, options.height, rng);
  const defects: TruthDefect[] = [];
  if (rng.next() < options.defectRate) {
    // 1 defect most often, more now and then.
    let wanted = 1;
    while (wanted < options.maxDefects && rng.next() < 0.25) wanted++;
    for (let k = 0; k < wanted; k++) {
      const painted = DEFECT_PAINTERS[rng.pick(options.defectKinds)](texture.field, rng);
      if (painted) defects.push(painted);
    }
  }
  applyLighting(texture.field, rng);
  const noise = rng.range(1.2, 2.5);
  const channels = options.channels === 'rgb' ? 3 : 1;
  return {
    frame: toFrame(texture.field, channels, texture.tint, noise, rng),
    truth: { defective: defects.length > 0, defects },
    surface,
    origin: `synthetic:${options.seed}:${index}`,
  };
}
