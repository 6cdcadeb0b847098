/**
 * The demo model's architecture, as data: a small image pyramid, a fixed filter bank per level,
 * local energy pooled onto one grid. Fitting (scripts/make-demo-model.ts) adds the numbers.
 */
import type { FilterSpec } from './filters';

export interface BankLevel {
  /** Average-pool factor from the input to this level. */
  downsample: number;
  filters: FilterSpec[];
}

export interface ModelDesign {
  /** Input is size×size gray, pixel/255. */
  size: number;
  /** Anomaly map cell, in input pixels. */
  cell: number;
  levels: BankLevel[];
  /** How a filter response becomes energy: |r|, or r² (favours a few strong responses over many weak). */
  energy: 'abs' | 'square';
}

const ORIENTATIONS = 8;
const angles = Array.from({ length: ORIENTATIONS }, (_, k) => (Math.PI * k) / ORIENTATIONS);

export const DEMO_DESIGN: ModelDesign = {
  size: 256,
  cell: 4,
  energy: 'square',
  levels: [
    // Full resolution: scratches and cracks one or two pixels wide.
    { downsample: 1, filters: angles.map((angle) => ({ type: 'line', size: 15, across: 1, along: 3.5, angle })) },
    // Half resolution: wider lines, small spots.
    {
      downsample: 2,
      filters: [
        ...angles.map((angle): FilterSpec => ({ type: 'line', size: 13, across: 1, along: 3, angle })),
        { type: 'dog', size: 13, inner: 1.5, outer: 3 },
      ],
    },
    // Quarter resolution: spots and dents.
    {
      downsample: 4,
      filters: [
        { type: 'dog', size: 11, inner: 1, outer: 2 },
        { type: 'dog', size: 15, inner: 2, outer: 4 },
        ...[0, 1, 2, 3].map((k): FilterSpec => ({ type: 'edge', size: 13, sigma: 2, angle: (Math.PI * k) / 4 })),
      ],
    },
  ],
};

export function filterCount(design: ModelDesign): number {
  return design.levels.reduce((n, l) => n + l.filters.length, 0);
}
