/**
 * Feeds the first queue: waits for the trigger (if any), takes a frame from the source, and
 * either queues it or — under the drop policy, when the queue is full — drops it and counts it.
 */
import type { FrameSourceRunner, SourceItem, TriggerRunner } from '../node-kind';
import type { BoundedQueue } from './bounded-queue';

import { failFlight, type Flight } from './flight';
import { messageOf } from './message-of';
import type { PlanLayout } from './plan-layout';
import type { RunStats } from './run-stats';
import { nextTurn, TURN_EVERY_MS } from './next-turn';
import type { RuntimeServices } from './services';

export interface FramePump {
  layout: PlanLayout;
  trigger?: TriggerRunner;
  source: FrameSourceRunner;
  /** The first stage's queue; null when the plan has no stages, so frames complete on entry. */
  first: BoundedQueue<Flight> | null;
  stats: RunStats;
  services: RuntimeServices;
  backpressure: 'block' | 'drop';
  maxFrames: number;
  signal: AbortSignal;
}

/** Runs until stop, maxFrames, the source's end or the trigger's end; then closes the first queue. */
export async function runFramePump(pump: FramePump): Promise<void> {
  const { trigger, source, first, stats, services, signal } = pump;
  // A free-running source has nothing to pace it, so it always waits for room.
  const dropWhenFull = pump.backpressure === 'drop' && trigger !== undefined;
  const sourceId = pump.layout.source.stage.id;
  const raceAbort = abortRacer(signal);
  let entered = 0;
  let turnAt = services.now();
  try {
    while (!signal.aborted && (pump.maxFrames === 0 || entered < pump.maxFrames)) {
      let firedAt: number | undefined;
      if (trigger) {
        if ((await raceAbort(trigger.wait(signal))) !== true) break;
        firedAt = services.now();
      }
      if (first && !dropWhenFull && !first.hasSpace() && !(await first.waitForSpace(signal))) break;
      const startedAt = services.now();
      const item = await raceAbort(source.next(signal));
      if (!item) break;
      const flight = toFlight(pump, item, startedAt, firedAt);
      stats.stageTime(flight, sourceId, services.now() - startedAt);
      if (first && !first.tryPush(flight)) {
        stats.dropFrame();
        services.log('debug', `dropped frame ${flight.info.id}: the first queue is full`, { frameId: flight.info.id });
        continue;
      }
      entered++;
      stats.entered(startedAt);
      if (!first) stats.complete(flight);
      if (services.now() - turnAt >= TURN_EVERY_MS) {
        await nextTurn();
        turnAt = services.now();
      }
    }
  } catch (err) {
    // A source or trigger that throws (rather than reporting a frame error) ends the stream; frames in flight still finish.
    services.log('error', `the source or trigger failed, no more frames are taken: ${messageOf(err)}`, { stageId: sourceId });
  } finally {
    raceAbort.dispose();
    first?.close();
  }
}

function toFlight(pump: FramePump, item: SourceItem, enteredAt: number, firedAt: number | undefined): Flight {
  const sourceId = pump.layout.source.stage.id;
  const flight: Flight = { info: { ...item.info }, values: new Map(), enteredAt, stageMs: {} };
  // A source may report its failure either way; the runtime keeps it in one place.
  const error = item.error ?? item.info.error;
  delete flight.info.error;
  const trigger = pump.layout.trigger?.stage;
  if (trigger && firedAt !== undefined) for (const port of trigger.outputs) flight.values.set(`${trigger.id}:${port}`, { firedAt });
  for (const [port, value] of Object.entries(item.values ?? {})) flight.values.set(`${sourceId}:${port}`, value);
  if (error) {
    failFlight(flight, error, sourceId);
    pump.services.log('warn', `frame ${flight.info.id} could not be produced: ${error.message}`, { stageId: sourceId, code: error.code });
  }
  return flight;
}

/**
 * Races one promise at a time against the signal: the promise's value, or undefined as soon as the
 * signal aborts (so a runner that ignores it cannot hang stop()). One abort listener serves the
 * whole run; adding and removing one for every frame cost more than the rest of the pump.
 */
function abortRacer(signal: AbortSignal): { <T>(promise: Promise<T>): Promise<T | undefined>; dispose(): void } {
  let onAbort: (() => void) | null = null;
  const listener = () => onAbort?.();
  signal.addEventListener('abort', listener, { once: true });
  const race = <T>(promise: Promise<T>): Promise<T | undefined> => {
    if (signal.aborted) {
      promise.catch(() => undefined);
      return Promise.resolve(undefined);
    }
    return new Promise<T | undefined>((resolve, reject) => {
      onAbort = () => {
        promise.catch(() => undefined);
        resolve(undefined);
      };
      promise.then(
        (value) => {
          onAbort = null;
          resolve(value);
        },
        (err: unknown) => {
          onAbort = null;
          reject(err);
        },
      );
    });
  };
  return Object.assign(race, { dispose: () => signal.removeEventListener('abort', listener) });
}
