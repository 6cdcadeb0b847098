import { crack } from './crack';
import type { DefectKind, PaintDefect } from './defect';
import { dent } from './dent';
import { scratch } from './scratch';
import { spot } from './spot';

export const DEFECT_PAINTERS: Record<DefectKind, PaintDefect> = { scratch, spot, crack, dent };
