/**
 * A preview: compile the graph as edited with the real model catalog, run the plan with the real
 * runtime on a few frames (or one uploaded picture), and describe what every node gave for each.
 * Sinks do not run and triggers fire at once (preview-kinds.ts); nothing is written anywhere.
 */
import { compileGraphFile } from '../compile-graph';
import { createOrtEngine } from '../inference/ort-engine';
import type { Plan } from '../pipeline/plan';
import { ProblemError, type Problem } from '../pipeline/problems';
import { runPlan } from '../pipeline/runtime/run-plan';
import type { FrameOutcome } from '../pipeline/runtime/run-types';
import type { RuntimeServices } from '../pipeline/runtime/services';
import type { Frame } from '../pipeline/values';
import { createConsoleLog } from '../runtime-node/console-log';
import { createNodeServices } from '../runtime-node/node-services';
import { describeFrame } from './describe-frame';
import { previewKinds, type Recorder } from './preview-kinds';
import { imageBytes, type PreviewRequest } from './preview-request';
import type { PreviewResult } from './preview-types';

/** A watched folder with too few files would wait forever; a preview stops after this. */
const MAX_RUN_MS = 30_000;
const MAX_IMAGE_PIXELS = 50_000_000;

export async function runPreview(request: PreviewRequest, options: { baseDir: string }): Promise<PreviewResult | { problems: Problem[] }> {
  const compiled = await compileGraphFile(request.graph, { baseDir: options.baseDir });
  if (!compiled.plan) return { problems: compiled.problems };
  // Inference in its own thread: a heavy model must not stall the web server's other requests
  // (results from the line workers, dashboards) for the length of the preview.
  const services = createNodeServices({ results: { write: async () => undefined }, engine: createOrtEngine({ offThread: true }), log: createConsoleLog({ level: 'warn' }) });
  try {
    const image = request.image === undefined ? undefined : await decodeUpload(request.image, services);
    return await previewPlan(compiled.plan, services, image, image ? 1 : request.frames);
  } catch (err) {
    if (err instanceof ProblemError) return { problems: err.problems };
    throw err;
  }
}

async function previewPlan(plan: Plan, services: RuntimeServices, image: Frame | undefined, frames: number): Promise<PreviewResult> {
  const recorder: Recorder = new Map();
  const outcomes: FrameOutcome[] = [];
  const handle = runPlan(plan, services, { maxFrames: frames, maxBatch: Math.min(8, frames) }, previewKinds(recorder, image));
  handle.onOutcome((o) => outcomes.push(o));
  const timer = setTimeout(() => void handle.stop(), MAX_RUN_MS);
  try {
    await handle.done;
  } finally {
    clearTimeout(timer);
  }
  outcomes.sort((a, b) => a.info.seq - b.info.seq);
  const described = await Promise.all(outcomes.map((o) => describeFrame(o, plan, recorder.get(o.info.id) ?? new Map(), services.images)));
  const notes = ['Sinks do not run in a preview: nothing is written to the results database or to image folders.'];
  if (plan.stages.some((s) => s.role === 'trigger')) notes.push('Triggers are not waited for: frames are taken one after another.');
  if (image) notes.push('The uploaded picture replaces the source’s frames.');
  if (outcomes.length < frames && !image) notes.push(`The source gave ${outcomes.length} of ${frames} frames.`);
  return { frames: described, notes };
}

async function decodeUpload(image: string, services: RuntimeServices): Promise<Frame> {
  try {
    return await services.images.decode(imageBytes(image), { maxPixels: MAX_IMAGE_PIXELS });
  } catch (err) {
    if (err instanceof ProblemError) throw new ProblemError(err.problems.map((p) => ({ ...p, path: ['image'], message: `Uploaded image: ${p.message}` })));
    throw err;
  }
}
