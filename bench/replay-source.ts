/**
 * A bench-only source kind: replays frames made beforehand, in a loop. Swapped in for a plan's
 * real source, it shows what the runtime itself costs next to raw ONNX Runtime, with the camera's
 * own cost (procedural generation, decoding) taken out. A gate, when given, pauses it between
 * measuring windows so raw ONNX Runtime can be measured in between on an idle pipeline.
 */
import { z } from 'zod';
import { defineNodeKind, type NodeKind, type SourceItem } from '@/lib/pipeline/node-kind';
import type { Plan } from '@/lib/pipeline/plan';
import { getNodeKind } from '@/lib/pipeline/registry';

export const REPLAY_KIND = 'bench.replay';

/** Open: frames flow. Closed: next() waits (or ends on abort). */
export class ReplayGate {
  private opened = true;
  private waiters: (() => void)[] = [];
  /** Frames let through so far: the pipeline is idle once this many have completed. */
  passed = 0;

  open(): void {
    this.opened = true;
    for (const wake of this.waiters.splice(0)) wake();
  }

  close(): void {
    this.opened = false;
  }

  async pass(signal: AbortSignal): Promise<void> {
    while (!this.opened && !signal.aborted) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          signal.removeEventListener('abort', wake);
          resolve();
        };
        this.waiters.push(wake);
        signal.addEventListener('abort', wake, { once: true });
      });
    }
    if (!signal.aborted) this.passed++;
  }
}

export function replayKind(items: Pick<SourceItem, 'values' | 'info'>[], gate?: ReplayGate): NodeKind {
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
          await gate?.pass(signal);
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
