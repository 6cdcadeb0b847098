import type { Rng } from '../prng';
import { brushedMetal } from './brushed-metal';
import { paintedPanel } from './painted-panel';
import type { SurfaceName, SurfaceTexture } from './surface';
import { textile } from './textile';

export const SURFACE_MAKERS: Record<SurfaceName, (width: number, height: number, rng: Rng) => SurfaceTexture> = {
  'brushed-metal': brushedMetal,
  textile,
  'painted-panel': paintedPanel,
};
