/**
 * Warnings for running a model of some precision on a target: the profile's note whenever the
 * precision is not native there, and a note when the machine measuring is not the target.
 */
import type { VariantPrecision } from '../evaluate/report-schema';
import { TARGET_PROFILES, type ProfilePrecision, type TargetId } from './profiles';

export function precisionWarnings(target: TargetId, precision: VariantPrecision): string[] {
  const profile = TARGET_PROFILES[target];
  // A mixed model is as slow as its slowest part: warn for each reduced precision it may hold.
  const parts: ProfilePrecision[] = precision === 'mixed' ? ['fp16', 'int8'] : [precision];
  const out: string[] = [];
  for (const p of parts) {
    const s = profile.precisions[p];
    if (s.support !== 'native') out.push(`${p.toUpperCase()} on ${profile.title} is ${s.support}: ${s.note}`);
  }
  return out;
}
