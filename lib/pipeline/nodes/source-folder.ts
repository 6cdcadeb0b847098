/**
 * source.folder — images from a folder, in name order (img2 before img10), once or in a loop,
 * optionally watching for new files. A file that cannot be decoded becomes an error frame with
 * its path as origin; the run goes on.
 */
import { z } from 'zod';
import { defineNodeKind, type FrameSourceRunner, type RunnerContext, type SourceItem } from '../node-kind';
import { problem, ProblemError, type Problem } from '../problems';
import { messageOf } from '../runtime/message-of';

const paramsSchema = z
  .object({
    path: z.string().min(1, 'Choose the folder to read images from'),
    extensions: z
      .array(z.string().regex(/^\.?[A-Za-z0-9]+$/, 'An extension is letters and digits, e.g. "png"'))
      .min(1)
      .default(['jpg', 'jpeg', 'png', 'bmp', 'tif', 'tiff', 'webp']),
    /** Start again from the first file after the last one. */
    loop: z.boolean().default(false),
    /** Keep running after the last file and take new files as they arrive. */
    watch: z.boolean().default(false),
    /** Larger images are refused (as frame errors) before their pixels are allocated. */
    maxPixels: z.number().int().min(1).max(1_000_000_000).default(50_000_000),
  })
  .strict();

type Config = z.output<typeof paramsSchema>;

export const sourceFolder = defineNodeKind({
  kind: 'source.folder',
  title: 'Image folder',
  category: 'source',
  description: 'Reads images (PNG, JPEG, TIFF, BMP, WebP) from a folder in name order, once or in a loop, optionally watching for new files.',
  params: paramsSchema,
  inputs: { trigger: { type: 'Trigger', optional: true, label: 'Take a picture' } },
  outputs: { frame: { type: 'Frame' } },
  // Sizes and channels are known only per file.
  compile: (params) => ({ config: params, frameShape: {} }),
  createSource: (config, ctx) => folderSource(config as Config, ctx),
});

function folderSource(config: Config, ctx: RunnerContext): FrameSourceRunner {
  const { files, images } = ctx.services;
  const extensions = new Set(config.extensions.map((e) => e.replace(/^\./, '').toLowerCase()));
  const wanted = (path: string) => extensions.has(path.slice(path.lastIndexOf('.') + 1).toLowerCase());
  const stop = new AbortController();
  const paths: string[] = [];
  const seen = new Set<string>();
  let started: Promise<void> | undefined;
  let index = 0;
  let seq = 0;
  let wake: (() => void) | undefined;

  const add = (path: string) => {
    if (seen.has(path) || !wanted(path)) return;
    seen.add(path);
    paths.push(path);
    wake?.();
  };

  const start = async () => {
    // Watch before listing, so a file arriving in between is not missed (seen de-duplicates).
    if (config.watch) {
      if (!files.watch) throw new ProblemError([problem('plan.invalid', `Image folder "${ctx.stageId}": this host cannot watch folders; turn "watch" off`)]);
      files.watch(config.path, add, stop.signal);
    }
    let listed: string[];
    try {
      listed = await files.list(config.path);
    } catch (err) {
      stop.abort();
      throw new ProblemError([problem('plan.invalid', `Image folder "${ctx.stageId}": cannot read folder "${config.path}": ${messageOf(err)}`, { path: ['path'] })]);
    }
    listed.filter(wanted).sort(byName).forEach(add);
    if (paths.length === 0 && !config.watch) ctx.services.log('warn', `Image folder "${ctx.stageId}": no ${[...extensions].join('/')} files in "${config.path}"`);
  };

  const arrival = (signal: AbortSignal) =>
    new Promise<boolean>((resolve) => {
      const done = (ok: boolean) => {
        wake = undefined;
        signal.removeEventListener('abort', onAbort);
        stop.signal.removeEventListener('abort', onAbort);
        resolve(ok);
      };
      const onAbort = () => done(false);
      if (signal.aborted || stop.signal.aborted) return done(false);
      wake = () => done(true);
      signal.addEventListener('abort', onAbort, { once: true });
      stop.signal.addEventListener('abort', onAbort, { once: true });
    });

  const produce = async (path: string): Promise<SourceItem> => {
    const n = seq++;
    const info = { id: `${ctx.stageId}:${n}`, seq: n, origin: path, capturedAt: ctx.services.now() };
    try {
      const frame = await images.decode(await files.read(path), { maxPixels: config.maxPixels });
      return { info, values: { frame } };
    } catch (err) {
      return { info, values: {}, error: asFrameProblem(err, path) };
    }
  };

  return {
    async next(signal) {
      started ??= start();
      await started;
      for (;;) {
        if (signal.aborted || stop.signal.aborted) return null;
        if (index < paths.length) return produce(paths[index++]);
        if (config.loop && paths.length > 0) index = 0;
        else if (!config.watch || !(await arrival(signal))) return null;
      }
    },
    async close() {
      stop.abort();
    },
  };
}

function asFrameProblem(err: unknown, path: string): Problem {
  const p = err instanceof ProblemError && err.problems[0] ? err.problems[0] : problem('frame.decode', messageOf(err));
  return { ...p, message: `${path}: ${p.message}` };
}

const collator = new Intl.Collator('en', { numeric: true });
function byName(a: string, b: string): number {
  return collator.compare(a, b);
}
