/** Reads `--input spec.json` into an InputSpec, or Problems naming the file and the bad field. */
import { readFile } from 'node:fs/promises';
import { problem, type Problem } from '@/lib/pipeline/problems';
import { InputSpec } from '@/lib/precision/input-spec';

export async function readInputSpec(path: string): Promise<{ ok: true; spec: InputSpec } | { ok: false; problems: Problem[] }> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    return { ok: false, problems: [problem('precision.bad-input-spec', `Input spec ${path} cannot be read as JSON: ${(err as Error).message}`)] };
  }
  const parsed = InputSpec.safeParse(raw);
  if (parsed.success) return { ok: true, spec: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => problem('precision.bad-input-spec', `Input spec ${path}: ${i.path.join('.') || '(root)'}: ${i.message}`, { path: i.path as (string | number)[] })) };
}
