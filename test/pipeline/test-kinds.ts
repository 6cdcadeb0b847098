/** Small node kinds for compiler tests: real NodeKind objects, just minimal. */
import { z } from 'zod';
import { defineNodeKind, type NodeKind } from '@/lib/pipeline/node-kind';
import { problem } from '@/lib/pipeline/problems';

const src = defineNodeKind({
  kind: 't.source', title: 'Test source', category: 'source', description: '',
  params: z.object({ width: z.number().int().min(1).default(64) }).strict(),
  inputs: { trigger: { type: 'Trigger', optional: true } },
  outputs: { frame: { type: 'Frame' } },
  compile: (p) => ({ config: p, frameShape: { width: p.width, height: p.width, channels: 1 } }),
});
const trig = defineNodeKind({
  kind: 't.trigger', title: 'Test trigger', category: 'trigger', description: '',
  params: z.object({}).strict(), inputs: {}, outputs: { trigger: { type: 'Trigger' } },
  compile: () => ({ config: {} }),
});
const resize = defineNodeKind({
  kind: 't.resize', title: 'Test resize', category: 'preprocess', description: '',
  params: z.object({ width: z.number().int().min(1).max(4096), height: z.number().int().min(1).max(4096) }).strict(),
  inputs: { frame: { type: 'Frame' } }, outputs: { frame: { type: 'Frame' } },
  toPreprocessOp: (p) => ({ op: 'resize', width: p.width, height: p.height, filter: 'bilinear' }),
  compile: (p, ctx) => ({ config: p, frameShape: { ...ctx.frameShape, width: p.width, height: p.height } }),
});
const model = defineNodeKind({
  kind: 't.model', title: 'Test model', category: 'model', description: '',
  params: z.object({ model: z.string(), precision: z.enum(['fp32', 'fp16', 'int8', 'auto']).default('fp32') }).strict(),
  inputs: { frame: { type: 'Frame' } }, outputs: { anomaly: { type: 'AnomalyMap' } },
  compile: (p, ctx) => {
    const ref = ctx.resolveModel(p.model, p.precision);
    if ('code' in ref) return [ref];
    const [, , h, w] = ref.info.inputs[0].shape;
    const last = ctx.preprocess.findLast((o) => o.op === 'resize');
    if (last && last.op === 'resize' && (last.height !== h || last.width !== w)) {
      return [problem('model.input-mismatch', `model wants ${w}×${h}, preprocessing gives ${last.width}×${last.height}`)];
    }
    return { config: { ops: ctx.preprocess }, model: ref };
  },
});
const decide = defineNodeKind({
  kind: 't.decision', title: 'Test decision', category: 'decision', description: '',
  params: z.object({}).strict(), inputs: { anomaly: { type: 'AnomalyMap' } }, outputs: { verdict: { type: 'Verdict' } },
  compile: () => ({ config: {} }),
});
const sink = defineNodeKind({
  kind: 't.sink', title: 'Test sink', category: 'sink', description: '',
  params: z.object({}).strict(), inputs: { verdict: { type: 'Verdict' }, frame: { type: 'Frame', optional: true } }, outputs: {},
  compile: () => ({ config: {} }),
});

const table = new Map<string, NodeKind>([src, trig, resize, model, decide, sink].map((k) => [k.kind, k as NodeKind]));
export const testKinds = (kind: string) => table.get(kind);
