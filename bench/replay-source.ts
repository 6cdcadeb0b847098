/**
 * A bench-only source kind: replays frames made beforehand, in a loop. Swapped in for a plan's
 * real source, it shows what the runtime itself costs next to raw ONNX Runtime, with the camera's
 * own cost (procedural generation, decoding) taken out.
 */
import { z } from 'zod';
import { defineNodeKind, type NodeKind, type SourceItem } from '@/lib/pipeline/node-kind';
import type { Plan } from '@/lib/pipeline/plan';
import { getNodeKind } from '@/lib/pipeline/registry';

export const REPLAY_KIND = 'bench.replay';

export function replayKind(items: Pick<SourceItem, 'values' | 'info'>[]): NodeKind {
  return defineNodeKind({
    kind: REPLAY_KIND,
    title: 'Replay (bench)',
    category: 'source',
    description: 'Frames made beforehand, replayed in a loop.',
    params: z.object({}),
    inputs: {},
    outputs: { frame: { type: 'Frame' } },
    compile: () => ({ config: {} }),
    createSource: (_config, ctx) => {
      let n = 0;
      return {
        async next(signal) {
          if (signal.aborted) return null;
          const item = items[n % items.length];
          const seq = n++;
          return { info: { ...item.info, id: `${ctx.stageId}:${seq}`, seq, capturedAt: ctx.services.now() }, values: item.values };
        },
      };
    },
  });
}

/** The plan with its source replaced by the replay kind, and the kind lookup that knows it. */
export function withReplaySource(plan: Plan, kind: NodeKind): { plan: Plan; kinds: (k: string) => NodeKind | undefined } {
  return {
    plan: { ...plan, stages: plan.stages.map((s) => (s.role === 'source' ? { ...s, kind: REPLAY_KIND, config: {} } : s)) },
    kinds: (k) => (k === REPLAY_KIND ? kind : getNodeKind(k)),
  };
}
