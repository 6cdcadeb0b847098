/**
 * source.synthetic — a procedural camera: brushed metal, textile or painted panels with seeded
 * defects and the ground truth for every part. Part n of a seed is always the same image, so a
 * logged origin `synthetic:<seed>:<n>` can be regenerated and looked at again.
 */
import { generatePart } from '../../synthetic/generate-part';
import { syntheticOptionsSchema, type SyntheticOptions } from '../../synthetic/options';
import { defineNodeKind, type FrameSourceRunner, type RunnerContext } from '../node-kind';

export const sourceSynthetic = defineNodeKind({
  kind: 'source.synthetic',
  title: 'Synthetic camera',
  category: 'source',
  description:
    'Procedural parts (brushed metal, textile, painted panel) with seeded scratches, spots, cracks and dents, and the ground truth for each. Deterministic by seed.',
  params: syntheticOptionsSchema,
  inputs: { trigger: { type: 'Trigger', optional: true, label: 'Take a picture' } },
  outputs: { frame: { type: 'Frame' } },
  compile: (params) => ({
    config: params,
    frameShape: { width: params.width, height: params.height, channels: params.channels === 'rgb' ? 3 : 1 },
  }),
  createSource: (config, ctx) => syntheticSource(config as SyntheticOptions, ctx),
});

function syntheticSource(options: SyntheticOptions, ctx: RunnerContext): FrameSourceRunner {
  let n = 0;
  return {
    async next(signal) {
      if (signal.aborted || (options.count > 0 && n >= options.count)) return null;
      const index = n++;
      const part = generatePart(options, index);
      return {
        info: {
          id: `${ctx.stageId}:${options.seed}:${index}`,
          seq: index,
          origin: part.origin,
          capturedAt: ctx.services.now(),
          truth: part.truth,
        },
        values: { frame: part.frame },
      };
    },
  };
}
