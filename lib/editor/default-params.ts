import type { NodeKind } from '@/lib/pipeline/node-kind';

/**
 * The params a node starts with when dropped from the palette: every default the schema declares.
 * Required fields without a default stay absent, so validation points at them at once.
 */
export function defaultParams(kind: NodeKind): Record<string, unknown> {
  const parsed = kind.params.safeParse({});
  if (parsed.success && parsed.data && typeof parsed.data === 'object') return { ...(parsed.data as Record<string, unknown>) };
  const shape = (kind.params as { shape?: Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }> }).shape;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape ?? {})) {
    const r = field.safeParse(undefined);
    if (r.success && r.data !== undefined) out[key] = r.data;
  }
  return out;
}
