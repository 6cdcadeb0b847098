/**
 * sink.images — saves pictures of failed parts (or all parts) with the evidence drawn on them:
 * detection boxes and the anomaly heat map. Rate-limited by a token bucket so a line that goes
 * bad cannot fill the disk; skipped pictures are counted and reported.
 */
import { z } from 'zod';
import { defineNodeKind, type PortValues, type RunnerContext, type StageRunner } from '../node-kind';
import { renderOverlay } from '../overlay/render-overlay';
import { messageOf } from '../runtime/message-of';
import { TokenBucket } from '../sinks/token-bucket';
import type { AnomalyMap, Detections, Frame, FrameInfo, Verdict } from '../values';

const paramsSchema = z
  .object({
    folder: z.string().min(1, 'Choose the folder to save pictures in'),
    /** Save only parts that failed (or errored); off = every part. */
    onlyFailed: z.boolean().default(true),
    /** Most pictures saved per minute; more are skipped and counted. */
    maxPerMinute: z.number().int().min(1).max(100_000).default(60),
    format: z.enum(['png']).default('png'),
    /** Draw boxes and the heat map; off = the plain frame. */
    overlays: z.boolean().default(true),
  })
  .strict();

type Config = z.output<typeof paramsSchema>;

export const sinkImages = defineNodeKind({
  kind: 'sink.images',
  title: 'Save pictures',
  category: 'sink',
  description: 'Saves pictures of failed parts with detection boxes and the anomaly heat map drawn on them, rate-limited.',
  params: paramsSchema,
  inputs: {
    frame: { type: 'Frame', label: 'Picture' },
    verdict: { type: 'Verdict', label: 'Verdict' },
    detections: { type: 'Detections', optional: true, label: 'Detections' },
    anomaly: { type: 'AnomalyMap', optional: true, label: 'Anomaly map' },
  },
  outputs: {},
  compile: (params) => ({ config: params }),
  createStage: async (config, ctx) => imageSink(config as Config, ctx),
});

export interface ImageSinkRunner extends StageRunner {
  /** Pictures saved, skipped by the rate limit, and failed to save, so far. */
  counts(): { saved: number; skipped: number; failed: number };
}

function imageSink(config: Config, ctx: RunnerContext): ImageSinkRunner {
  const { services, stageId } = ctx;
  const bucket = new TokenBucket(config.maxPerMinute, () => services.now());
  const counts = { saved: 0, skipped: 0, failed: 0 };
  const folder = config.folder.replace(/[\\/]+$/, '');

  const wanted = (values: PortValues, info: FrameInfo) => !config.onlyFailed || !!info.error || (values.verdict as Verdict | undefined)?.pass === false;

  const save = async (values: PortValues, info: FrameInfo) => {
    const frame = values.frame as Frame;
    const picture = config.overlays
      ? renderOverlay(frame, { detections: values.detections as Detections | undefined, anomaly: values.anomaly as AnomalyMap | undefined })
      : frame;
    const path = `${folder}/${safeName(info.id)}.png`;
    try {
      await services.files.write(path, await services.images.encodePng(picture));
      counts.saved++;
    } catch (err) {
      // A picture that cannot be saved does not change the part's verdict; it is logged and counted.
      counts.failed++;
      services.log('warn', `Save pictures "${stageId}": could not save ${path}: ${messageOf(err)}`, { stageId, frameId: info.id });
    }
  };

  return {
    maxBatch: 64,
    counts: () => ({ ...counts }),
    async run(batch, infos) {
      const jobs: Promise<void>[] = [];
      batch.forEach((values, i) => {
        // A frame that never decoded has no pixels to save.
        if (!values.frame || !wanted(values, infos[i])) return;
        if (bucket.take()) jobs.push(save(values, infos[i]));
        else if (++counts.skipped === 1 || counts.skipped % 100 === 0) {
          services.log('warn', `Save pictures "${stageId}": ${counts.skipped} picture(s) skipped, over ${config.maxPerMinute} per minute`, { stageId, skipped: counts.skipped });
        }
      });
      await Promise.all(jobs);
      return batch.map(() => ({}));
    },
    async close() {
      services.log('info', `Save pictures "${stageId}": ${counts.saved} saved, ${counts.skipped} skipped by the rate limit, ${counts.failed} failed`, { stageId, ...counts });
    },
  };
}

/** Frame ids become file names: anything but letters, digits, dot, dash and underscore becomes "_". */
function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'frame';
}
