/**
 * The decision the canvas makes while the user drags a wire: the same port-type rule the compiler
 * enforces (check-port-types), plus "an input takes one edge", answered with a reason to show.
 */
import type { KindLookup } from '@/lib/pipeline/compile/check-structure';

export interface ConnectionAttempt {
  source: string;
  sourceHandle?: string | null;
  target: string;
  targetHandle?: string | null;
}

export interface ConnectionContext {
  kindOf(nodeId: string): string | undefined;
  kinds: KindLookup;
  /** Edges already on the canvas. */
  edges: readonly ConnectionAttempt[];
}

export type ConnectionVerdict = { ok: true } | { ok: false; reason: string };

export function checkConnection(c: ConnectionAttempt, ctx: ConnectionContext): ConnectionVerdict {
  if (c.source === c.target) return { ok: false, reason: 'A node cannot feed itself' };
  const from = ctx.kinds(ctx.kindOf(c.source) ?? '');
  const to = ctx.kinds(ctx.kindOf(c.target) ?? '');
  const out = from && c.sourceHandle ? from.outputs[c.sourceHandle] : undefined;
  const inp = to && c.targetHandle ? to.inputs[c.targetHandle] : undefined;
  if (!out || !inp) return { ok: false, reason: 'Connect an output port to an input port' };
  if (out.type !== inp.type) {
    return { ok: false, reason: `Refused: ${from!.title} output "${c.sourceHandle}" gives ${out.type}, ${to!.title} input "${c.targetHandle}" takes ${inp.type}` };
  }
  const taken = ctx.edges.some((e) => e.target === c.target && e.targetHandle === c.targetHandle);
  if (taken) return { ok: false, reason: `Refused: input "${c.targetHandle}" of ${to!.title} is already connected` };
  return { ok: true };
}
