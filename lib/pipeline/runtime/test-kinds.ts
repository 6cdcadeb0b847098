/**
 * Test helper (used only by the runtime's *.test.ts): small real node kinds that count, double,
 * batch, sleep, fail and collect, plus a Probe that records what they saw. They run through the
 * real runtime exactly like the product's kinds do.
 */
import { z } from 'zod';
import type { NodeKind, PortValues, StageOutcome } from '../node-kind';
import type { Plan, StagePlan } from '../plan';
import type { PortMap } from '../ports';
import { problem, type ProblemCode } from '../problems';
import type { FrameInfo } from '../values';
import type { RuntimeServices } from './services';

export interface Sunk {
  id: string;
  seq: number;
  values: PortValues;
  errorCode?: string;
}

/** What the test kinds observed, per stage id. */
export class Probe {
  produced = 0;
  fired = 0;
  readonly closes = new Map<string, number>();
  readonly batches = new Map<string, number[]>();
  /** Batches inside run() right now, and the most there ever were at once, per stage id. */
  readonly running = new Map<string, number>();
  readonly maxRunning = new Map<string, number>();
  readonly sunk = new Map<string, Sunk[]>();
  /** Largest number of frames produced by the source but not yet seen by any sink. */
  maxBacklog = 0;
  private sunkTotal = 0;

  closed(id: string): void {
    this.closes.set(id, (this.closes.get(id) ?? 0) + 1);
  }

  batch(id: string, size: number): void {
    this.batches.set(id, [...(this.batches.get(id) ?? []), size]);
  }

  enter(id: string): void {
    const now = (this.running.get(id) ?? 0) + 1;
    this.running.set(id, now);
    this.maxRunning.set(id, Math.max(now, this.maxRunning.get(id) ?? 0));
  }

  leave(id: string): void {
    this.running.set(id, (this.running.get(id) ?? 1) - 1);
  }

  sink(id: string, items: Sunk[]): void {
    this.maxBacklog = Math.max(this.maxBacklog, this.produced - this.sunkTotal);
    this.sunkTotal += items.length;
    this.sunk.set(id, [...(this.sunk.get(id) ?? []), ...items]);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
/**
 * A message sent through a MessageChannel and back: delivered as a worker thread's reply is, on
 * one port for the whole run (a port goes on delivering what arrives while it delivers).
 */
function echoer(): () => Promise<void> {
  let channel: MessageChannel | undefined;
  const waiting = new Map<number, () => void>();
  let next = 0;
  return () => {
    if (!channel) {
      const c = new MessageChannel();
      c.port2.onmessage = (e: MessageEvent<number>) => c.port2.postMessage(e.data);
      c.port1.onmessage = (e: MessageEvent<number>) => {
        waiting.get(e.data)?.();
        waiting.delete(e.data);
        if (waiting.size === 0) {
          c.port1.close();
          channel = undefined;
        }
      };
      channel = c;
    }
    const id = next++;
    const port = channel.port1;
    return new Promise<void>((resolve) => {
      waiting.set(id, resolve);
      port.postMessage(id);
    });
  };
}
const num: PortMap = { value: { type: 'Tensor' } };

interface SourceConfig {
  count?: number;
  errorEvery?: number;
  errorCode?: ProblemCode;
  /** CPU time each frame takes to make, spent synchronously (as a procedural camera does). */
  busyMs?: number;
}
interface TriggerConfig { times?: number }
interface MapConfig {
  op?: 'double' | 'inc' | 'add';
  delayMs?: number;
  maxBatch?: number;
  failEvery?: number;
  throwEvery?: number;
  /** Batches the runner allows in run() at once. */
  inFlight?: number;
  /** Extra sleep for batches that start on an even frame, so later batches can finish first. */
  evenExtraMs?: number;
  /** Once this many batches have finished, inFlight becomes `grownInFlight` (as a model stage's depth follows its run times). */
  growAfter?: number;
  grownInFlight?: number;
  /** Each batch waits for a message echoed through a MessageChannel, as a reply from an inference thread arrives. */
  viaPort?: boolean;
}

/** The kinds, bound to one probe; pass the result as runPlan's `kinds`. */
export function testKinds(probe: Probe): (kind: string) => NodeKind | undefined {
  const base = { title: 'test', description: 'test kind', params: z.object({}), compile: () => ({ config: {} }) };
  const kinds: NodeKind[] = [
    {
      ...base,
      kind: 'test.fire',
      category: 'trigger',
      inputs: {},
      outputs: { trigger: { type: 'Trigger' } },
      // Fires as fast as the event loop allows, `times` times (absent = until stopped).
      createTrigger: (config, ctx) => {
        const { times } = config as TriggerConfig;
        return {
          async wait(signal) {
            await tick();
            if (signal.aborted || (times !== undefined && probe.fired >= times)) return false;
            probe.fired++;
            return true;
          },
          close: async () => probe.closed(ctx.stageId),
        };
      },
    },
    {
      ...base,
      kind: 'test.count',
      category: 'source',
      inputs: { trigger: { type: 'Trigger', optional: true } },
      outputs: num,
      // Emits 0, 1, 2 … `count` frames (absent = endless); every `errorEvery`-th frame comes out as a frame error.
      createSource: (config, ctx) => {
        const { count, errorEvery = 0, errorCode = 'frame.decode', busyMs = 0 } = config as SourceConfig;
        return {
          async next(signal) {
            if (signal.aborted || (count !== undefined && probe.produced >= count)) return null;
            for (const until = performance.now() + busyMs; performance.now() < until; );
            const n = probe.produced++;
            const info: FrameInfo = { id: `f${n}`, seq: n, origin: `test:${n}`, capturedAt: ctx.services.now() };
            const bad = errorEvery > 0 && (n + 1) % errorEvery === 0;
            return bad ? { info, values: {}, error: problem(errorCode, `frame ${n} is unreadable`) } : { info, values: { value: n } };
          },
          close: async () => probe.closed(ctx.stageId),
        };
      },
    },
    {
      ...base,
      kind: 'test.map',
      category: 'model',
      inputs: { a: { type: 'Tensor' }, b: { type: 'Tensor', optional: true } },
      outputs: num,
      // double: 2a, inc: a + 1, add: a + b. Records batch sizes and overlap, may sleep, fail or throw.
      createStage: async (config, ctx) => {
        const c = config as MapConfig;
        const echo = echoer();
        let finished = 0;
        return {
          maxBatch: c.maxBatch ?? 1,
          get inFlight() {
            return c.growAfter !== undefined && finished >= c.growAfter ? c.grownInFlight : c.inFlight;
          },
          async run(batch, infos) {
            probe.batch(ctx.stageId, batch.length);
            probe.enter(ctx.stageId);
            const extra = c.evenExtraMs && infos[0].seq % 2 === 0 ? c.evenExtraMs : 0;
            if (c.delayMs || extra) await sleep((c.delayMs ?? 0) + extra).finally(() => probe.leave(ctx.stageId));
            else await (c.viaPort ? echo() : tick()).finally(() => probe.leave(ctx.stageId));
            finished++;
            if (c.throwEvery && infos.some((i) => (i.seq + 1) % c.throwEvery! === 0)) throw new Error('the device fell over');
            return batch.map((v, i): StageOutcome => {
              if (c.failEvery && (infos[i].seq + 1) % c.failEvery === 0) return { error: problem('internal', `no luck on frame ${infos[i].seq}`) };
              const a = v.a as number;
              return { value: c.op === 'inc' ? a + 1 : c.op === 'add' ? a + (v.b as number) : 2 * a };
            });
          },
          close: async () => probe.closed(ctx.stageId),
        };
      },
    },
    {
      ...base,
      kind: 'test.verdict',
      category: 'decision',
      inputs: { a: { type: 'Tensor' } },
      outputs: { verdict: { type: 'Verdict' } },
      // Even values pass, odd ones fail.
      createStage: async (_config, ctx) => ({
        maxBatch: 1,
        run: async (batch) =>
          batch.map((v) => {
            const pass = (v.a as number) % 2 === 0;
            return { verdict: { pass, reasons: pass ? [] : ['odd'], defects: [] } };
          }),
        close: async () => probe.closed(ctx.stageId),
      }),
    },
    {
      ...base,
      kind: 'test.collect',
      category: 'sink',
      inputs: { a: { type: 'Tensor', optional: true }, verdict: { type: 'Verdict', optional: true }, frame: { type: 'Frame', optional: true } },
      outputs: {},
      createStage: async (_config, ctx) => ({
        maxBatch: 4,
        async run(batch, infos) {
          probe.sink(ctx.stageId, batch.map((values, i) => ({ id: infos[i].id, seq: infos[i].seq, values, errorCode: infos[i].error?.code })));
          return batch.map(() => ({}));
        },
        close: async () => probe.closed(ctx.stageId),
      }),
    },
  ];
  const byName = new Map(kinds.map((k) => [k.kind, k]));
  return (kind) => byName.get(kind);
}

const ROLES = { 'test.fire': 'trigger', 'test.count': 'source', 'test.collect': 'sink' } as const;

/** A stage of a hand-written plan; inputs are `port: 'node:port'`. */
export function stage(id: string, kind: string, inputs: Record<string, string> = {}, config: unknown = {}): StagePlan {
  return {
    id,
    kind,
    inputs: Object.fromEntries(Object.entries(inputs).map(([port, from]) => [port, { node: from.split(':')[0], port: from.split(':')[1] }])),
    outputs: kind === 'test.verdict' ? ['verdict'] : kind === 'test.fire' ? ['trigger'] : kind === 'test.collect' ? [] : ['value'],
    config,
    fused: [],
    role: ROLES[kind as keyof typeof ROLES] ?? 'stage',
  };
}

export function plan(...stages: StagePlan[]): Plan {
  return { version: 1, target: 'cpu', graphHash: 'test', stages, models: {} };
}

/** Real clock, collected log; the I/O services are not used by the test kinds and say so if called. */
export function testServices(): RuntimeServices & { logged: { level: string; message: string }[] } {
  const unused = (what: string) => () => {
    throw new Error(`${what} is not used by the runtime tests`);
  };
  const logged: { level: string; message: string }[] = [];
  return {
    inference: { load: unused('inference') },
    images: { decode: unused('images'), encodePng: unused('images') },
    files: { list: unused('files'), read: unused('files'), write: unused('files') },
    results: { write: unused('results') },
    now: () => performance.now(),
    log: (level, message) => void logged.push({ level, message }),
    logged,
  };
}
