/**
 * Tells the server every few seconds that this worker is alive and how it is doing. A missed beat
 * is only logged (once per outage): the worker keeps inspecting parts whether or not anyone
 * listens.
 */
import type { WorkerStatus } from '@/lib/api/schemas';
import type { RuntimeServices } from '@/lib/pipeline/runtime/services';
import { sleep } from './backoff';
import { requestJson } from './post-json';

export interface HeartbeatOptions {
  server: string;
  workerId: string;
  lineId: string;
  intervalMs: number;
  status: () => WorkerStatus;
  log: RuntimeServices['log'];
  timeoutMs?: number;
}

export interface Heartbeat {
  /** Sends one beat now (e.g. on a state change); resolves whether or not it arrived. */
  beat(): Promise<boolean>;
  /** Stops the loop after a last beat, so the server sees the final state. */
  stop(): Promise<void>;
}

export function startHeartbeat(options: HeartbeatOptions): Heartbeat {
  const stop = new AbortController();
  const url = `${options.server.replace(/\/+$/, '')}/api/workers/heartbeat`;
  let failing = false;
  const beat = async (signal?: AbortSignal, timeoutMs = options.timeoutMs ?? 5_000) => {
    const outcome = await requestJson(url, { body: { workerId: options.workerId, lineId: options.lineId, status: options.status() }, timeoutMs, signal });
    if (signal?.aborted) return false;
    if (outcome.kind === 'ok') {
      if (failing) options.log('info', 'heartbeat: the server hears us again');
      failing = false;
      return true;
    }
    if (!failing) options.log('warn', `heartbeat not delivered (will keep trying): ${outcome.reason}`);
    failing = true;
    return false;
  };
  const loop = (async () => {
    while (!stop.signal.aborted) {
      await beat(stop.signal);
      await sleep(options.intervalMs, stop.signal);
    }
  })();
  return {
    beat: () => beat(),
    async stop() {
      stop.abort();
      await loop;
      // Short: a server that is away must not hold up shutdown.
      await beat(undefined, 2_000);
    },
  };
}
