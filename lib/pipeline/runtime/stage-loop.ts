/**
 * One stage's loop: take a micro-batch from its input queue, run it, pass each frame on. Each
 * stage has its own loop so stages overlap, and a runner that computes off the JS thread (a model
 * stage on a threaded engine) may keep more than one batch in flight.
 */
import type { PortValues, StageOutcome, StageRunner } from '../node-kind';
import { problem, type Problem } from '../problems';
import type { BoundedQueue } from './bounded-queue';

import { asVerdict, failFlight, type Flight } from './flight';
import { messageOf } from './message-of';
import type { LaidOutStage } from './plan-layout';
import type { RunStats } from './run-stats';
import type { RuntimeServices } from './services';

export interface StageLoop {
  laid: LaidOutStage;
  runner: StageRunner;
  input: BoundedQueue<Flight>;
  /** The next stage's queue; null for the last stage, whose frames are complete. */
  output: BoundedQueue<Flight> | null;
  stats: RunStats;
  services: RuntimeServices;
  maxBatch: number;
  batchWaitMs: number;
}

/** Most batches a runner may have in flight, whatever it asks for: each one holds frames outside the queues. */
const MAX_IN_FLIGHT = 64;

interface Ran {
  runnable: Flight[];
  outcomes?: StageOutcome[];
  failure?: string;
  startedAt: number;
  endedAt: number;
}

/**
 * Runs until the input queue is closed and drained, then closes its output so the next stage ends too.
 * With `runner.inFlight` > 1, the next batch is taken and started while earlier ones still run;
 * batches are still settled and passed on strictly in the order they were taken, and a batch
 * holds its slot until it has been passed on, so a full downstream queue still stops this stage.
 * `inFlight` is read again before each batch: a runner may change it as it learns its run times.
 */
export async function runStageLoop(loop: StageLoop): Promise<void> {
  const { runner, input, output } = loop;
  const limit = Math.max(1, Math.min(Math.floor(runner.maxBatch) || 1, loop.maxBatch));
  const depth = () => Math.max(1, Math.min(Math.floor(runner.inFlight ?? 1) || 1, MAX_IN_FLIGHT));
  const slots = new Set<Promise<void>>();
  let previous: Promise<number> = Promise.resolve(-Infinity);
  let broken: { error: unknown } | undefined;
  for (;;) {
    while (slots.size >= depth() && !broken) await Promise.race(slots);
    // A bug past the runner (it never rejects) ends the loop as it would have without overlap.
    if (broken) throw broken.error;
    const fillMs = limit > 1 ? loop.batchWaitMs : 0;
    const batch = input.takeReady(limit, fillMs) ?? (await input.take(limit, fillMs));
    if (batch.length === 0) break;
    const ran = runBatch(loop, batch);
    const before = previous;
    // Settles after the batch before it, so outcomes, timings and the next queue keep frame order.
    const passed = (async () => {
      const [result, lastEnd] = await Promise.all([ran, before]);
      settle(loop, result, lastEnd);
      for (const flight of batch) {
        // Waits only when the next queue is full: a push that fits needs no await of its own.
        if (output) {
          if (!output.tryPush(flight)) await output.push(flight);
        } else loop.stats.complete(flight);
      }
      return Math.max(lastEnd, result.endedAt);
    })();
    previous = passed;
    const slot = passed.then(
      () => void slots.delete(slot),
      (error: unknown) => {
        broken ??= { error };
        slots.delete(slot);
      },
    );
    slots.add(slot);
  }
  // Graceful stop: every batch still in flight finishes and is passed on before the output closes.
  await previous;
  output?.close();
}

/** Starts the runner on the frames that still need it; never rejects (a failing runner becomes `failure`). */
async function runBatch(loop: StageLoop, batch: Flight[]): Promise<Ran> {
  const { stage } = loop.laid;
  // Failed frames skip the remaining work but still reach sinks, so they get logged.
  const runnable = stage.role === 'sink' ? batch : batch.filter((f) => !f.info.error);
  const startedAt = loop.services.now();
  if (runnable.length === 0) return { runnable, startedAt, endedAt: startedAt };
  const inputs = runnable.map((f) => gatherInputs(f, stage.inputs));
  let outcomes: StageOutcome[] | undefined;
  let failure: string | undefined;
  try {
    outcomes = await loop.runner.run(inputs, runnable.map((f) => f.info));
    if (!Array.isArray(outcomes) || outcomes.length !== runnable.length) {
      failure = `it returned ${Array.isArray(outcomes) ? outcomes.length : 'no'} outcomes for ${runnable.length} frames`;
    }
  } catch (err) {
    failure = messageOf(err);
  }
  return { runnable, outcomes, failure, startedAt, endedAt: loop.services.now() };
}

/**
 * Records the stage time and applies the outcomes. A batch that started while the one before it
 * was still running is timed from when that one ended, so overlapping batches are not counted twice.
 */
function settle(loop: StageLoop, ran: Ran, lastEnd: number): void {
  const { runnable, outcomes, failure } = ran;
  if (runnable.length === 0) return;
  const { stage } = loop.laid;
  const from = lastEnd <= ran.endedAt ? Math.max(ran.startedAt, lastEnd) : ran.startedAt;
  const perFrame = (ran.endedAt - from) / runnable.length;
  if (failure !== undefined) {
    loop.services.log('warn', `stage "${stage.id}" failed on a batch of ${runnable.length}: ${failure}`, { stageId: stage.id });
  }
  runnable.forEach((flight, i) => {
    loop.stats.stageTime(flight, stage.id, perFrame);
    if (failure !== undefined) {
      fail(loop, flight, problem('frame.stage-failed', `Stage "${stage.id}" failed: ${failure}`, { nodeId: stage.id }), false);
    } else {
      apply(loop, flight, outcomes![i]);
    }
  });
}

function gatherInputs(flight: Flight, inputs: StagePlanInputs): PortValues {
  const values: PortValues = {};
  for (const [port, ep] of Object.entries(inputs)) {
    const key = `${ep.node}:${ep.port}`;
    if (flight.values.has(key)) values[port] = flight.values.get(key);
  }
  return values;
}

type StagePlanInputs = LaidOutStage['stage']['inputs'];

function apply(loop: StageLoop, flight: Flight, outcome: StageOutcome): void {
  const { stage, kind, verdictPorts } = loop.laid;
  if (typeof outcome !== 'object' || outcome === null) {
    fail(loop, flight, problem('frame.stage-failed', `Stage "${stage.id}" returned no outcome for this frame`, { nodeId: stage.id }), true);
    return;
  }
  // `error` is the failure marker unless the kind really declares an output port of that name.
  if ('error' in outcome && !('error' in kind.outputs) && isProblem(outcome.error)) {
    fail(loop, flight, outcome.error, true);
    return;
  }
  for (const [port, value] of Object.entries(outcome)) flight.values.set(`${stage.id}:${port}`, value);
  for (const port of verdictPorts) {
    const verdict = asVerdict((outcome as PortValues)[port]);
    if (verdict) flight.verdict = verdict;
  }
}

function fail(loop: StageLoop, flight: Flight, error: Problem, logEach: boolean): void {
  const stageId = loop.laid.stage.id;
  const later = failFlight(flight, error, stageId);
  if (later) {
    // The frame already failed upstream and is counted under that first problem.
    loop.services.log('error', `stage "${stageId}" also failed on failed frame ${flight.info.id}: ${later.message}`, { stageId, code: later.code });
  } else if (logEach) {
    loop.services.log('warn', `frame ${flight.info.id} failed in stage "${stageId}": ${error.message}`, { stageId, code: error.code });
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).code === 'string';
}
