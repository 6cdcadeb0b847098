/**
 * A model stage's inference sessions: one, or `ctx.streams` side by side (throughput mode), each
 * taking its share of the threads. Side by side only pays where inference runs off the JS thread;
 * on it, runs could not overlap, so a JS-thread engine gets one session whatever was asked.
 */
import type { RunnerContext } from '../node-kind';
import type { ByteInput, ByteLayout, ModelSession } from '../runtime/services';

export interface ModelSessions {
  count: number;
  offThread: boolean;
  /** Every session runs a batch item by item when the model's batch is fixed at 1 (see ModelSession.splitsBatch). */
  splitsBatch: boolean;
  /** How the sessions take the byteInput asked for, where they do (all alike: one model, one rewrite). */
  byteLayout?: ByteLayout;
  /** The session with the fewest batches running on it; give() it back when the batch is done. */
  take(): ModelSession;
  give(session: ModelSession): void;
  release(): Promise<void>;
}

export async function openModelSessions(ctx: RunnerContext, path: string, byteInput?: ByteInput): Promise<ModelSessions> {
  const streams = Math.max(1, Math.floor(ctx.streams ?? 1));
  const options = { intraOpThreads: ctx.intraOpThreads, streams, byteInput };
  let first = await ctx.services.inference.load(path, options);
  if (streams > 1 && !first.offThread) {
    // Opened for a share of the threads; as the only session it gets them all.
    await first.release();
    first = await ctx.services.inference.load(path, { ...options, streams: 1 });
  }
  const sessions = [first];
  if (streams > 1 && first.offThread) {
    const rest = await Promise.allSettled(Array.from({ length: streams - 1 }, () => ctx.services.inference.load(path, options)));
    for (const r of rest) if (r.status === 'fulfilled') sessions.push(r.value);
    const failed = rest.find((r) => r.status === 'rejected');
    if (failed) {
      // Nothing half-open is left behind: the sessions that did open are released.
      await Promise.allSettled(sessions.map((s) => s.release()));
      throw failed.reason;
    }
  }
  const running = new Map(sessions.map((s) => [s, 0]));
  return {
    count: sessions.length,
    offThread: first.offThread === true,
    splitsBatch: sessions.every((s) => s.splitsBatch === true),
    byteLayout: first.byteLayout,
    take() {
      let best = sessions[0];
      for (const s of sessions) if (running.get(s)! < running.get(best)!) best = s;
      running.set(best, running.get(best)! + 1);
      return best;
    },
    give: (session) => void running.set(session, running.get(session)! - 1),
    release: async () => void (await Promise.all(sessions.map((s) => s.release()))),
  };
}
