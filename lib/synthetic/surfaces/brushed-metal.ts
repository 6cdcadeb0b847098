/**
 * Brushed metal: long, fine streaks along the brushing direction over a bright base. The streaks
 * are white noise blurred far along one axis, so no two parts look alike yet all share the grain.
 */
import { boxBlur, standardize, whiteNoise, type Field } from '../field';
import type { Rng } from '../prng';
import type { SurfaceTexture } from './surface';

export function brushedMetal(width: number, height: number, rng: Rng): SurfaceTexture {
  const vertical = rng.next() < 0.3;
  const streakLength = rng.int(18, 40);
  const streaks = standardize(boxBlur(whiteNoise(width, height, rng), vertical ? 0 : streakLength, vertical ? streakLength : 0));
  const grain = standardize(boxBlur(whiteNoise(width, height, rng), vertical ? 0 : 3, vertical ? 3 : 0));
  const base = rng.range(125, 175);
  const streakAmp = rng.range(4, 8);
  const grainAmp = rng.range(1.5, 3);
  const field: Field = streaks;
  for (let i = 0; i < field.data.length; i++) field.data[i] = base + streakAmp * field.data[i] + grainAmp * grain.data[i];
  return { field, tint: [1, 1.01, 1.04], textureStd: Math.hypot(streakAmp, grainAmp) };
}
