/**
 * The whole FP16 step as the CLI and the Precision Lab use it: convert, then prove the variant on
 * sample inputs. A variant that overflows is never returned — only the problem and what to block.
 */
import type { Problem } from '@/lib/pipeline/problems';
import { checkFp16Outputs, type CheckOptions } from './check-outputs';
import { convertToFp16 } from './convert';
import type { Overflow } from './locate-overflow';
import type { Fp16OptionsInput } from './options';
import type { Fp16Report } from './report';

export type Fp16Variant = { ok: true; bytes: Uint8Array; report: Fp16Report } | { ok: false; problems: Problem[]; overflow?: Overflow; report?: Fp16Report };

export async function makeFp16Variant(fp32: Uint8Array, options: Fp16OptionsInput = {}, check: CheckOptions = {}): Promise<Fp16Variant> {
  const converted = convertToFp16(fp32, options);
  if (!converted.ok) return converted;
  const checked = await checkFp16Outputs(fp32, converted.bytes, check);
  if (!checked.ok) return { ...checked, report: converted.report };
  return { ok: true, bytes: converted.bytes, report: { ...converted.report, check: checked.check } };
}
