/**
 * Polls GET /api/lines/:lineId/deployment and calls onChange whenever the deployment differs from
 * the one running (null = nothing deployed). One change is handled at a time: a deployment that
 * changes again while the worker is still switching is picked up by the next poll. While the
 * server cannot be reached the running deployment keeps running.
 */
import { deploymentResponseSchema, type DeploymentResponse } from '@/lib/api/schemas';
import type { RuntimeServices } from '@/lib/pipeline/runtime/services';
import { messageOf } from '@/lib/pipeline/runtime/message-of';
import { sleep } from './backoff';
import { requestJson } from './post-json';

export interface DeploymentWatchOptions {
  server: string;
  lineId: string;
  intervalMs: number;
  onChange: (deployment: DeploymentResponse | null) => Promise<void>;
  log: RuntimeServices['log'];
  timeoutMs?: number;
}

export type DeploymentPoll = { kind: 'deployment'; deployment: DeploymentResponse | null } | { kind: 'unreachable'; reason: string };

export async function fetchDeployment(server: string, lineId: string, timeoutMs = 10_000, signal?: AbortSignal): Promise<DeploymentPoll> {
  const url = `${server.replace(/\/+$/, '')}/api/lines/${encodeURIComponent(lineId)}/deployment`;
  const outcome = await requestJson(url, { timeoutMs, signal });
  if (outcome.kind === 'rejected' && outcome.status === 404) return { kind: 'deployment', deployment: null };
  if (outcome.kind !== 'ok') return { kind: 'unreachable', reason: outcome.reason };
  const parsed = deploymentResponseSchema.safeParse(outcome.body);
  if (!parsed.success) return { kind: 'unreachable', reason: `${url} answered an unexpected body: ${parsed.error.issues[0]?.message}` };
  return { kind: 'deployment', deployment: parsed.data };
}

export interface DeploymentWatch {
  /** Stops polling; resolves after a change in progress has finished. */
  stop(): Promise<void>;
}

export function watchDeployment(options: DeploymentWatchOptions): DeploymentWatch {
  const stop = new AbortController();
  let current: string | null | undefined;
  let unreachable = false;
  const loop = (async () => {
    while (!stop.signal.aborted) {
      const poll = await fetchDeployment(options.server, options.lineId, options.timeoutMs, stop.signal);
      if (stop.signal.aborted) break;
      if (poll.kind === 'unreachable') {
        if (!unreachable) options.log('warn', `cannot read this line's deployment, keeping the current one: ${poll.reason}`);
        unreachable = true;
      } else {
        unreachable = false;
        const id = poll.deployment?.deploymentId ?? null;
        if (id !== current && !stop.signal.aborted) {
          try {
            await options.onChange(poll.deployment);
            current = id;
          } catch (err) {
            // Retried on the next poll; the worker stays up.
            options.log('error', `switching to deployment ${id ?? '(none)'} failed: ${messageOf(err)}`);
          }
        }
      }
      await sleep(options.intervalMs, stop.signal);
    }
  })();
  return {
    async stop() {
      stop.abort();
      await loop;
    },
  };
}
