/**
 * Finds the line a worker serves from an id or a name, through GET /api/lines. The server may
 * still be starting, so unreachable answers are retried with backoff until the signal aborts; a
 * line that does not exist is an answer, not an outage.
 */
import { linesResponseSchema } from '@/lib/api/schemas';
import { problem, type Problem } from '@/lib/pipeline/problems';
import type { RuntimeServices } from '@/lib/pipeline/runtime/services';
import { backoffDelay, sleep } from './backoff';
import { requestJson } from './post-json';

export type ResolvedLine = { id: string; name: string } | { problem: Problem } | null;

export async function resolveLine(server: string, wanted: string, log: RuntimeServices['log'], signal: AbortSignal): Promise<ResolvedLine> {
  const url = `${server.replace(/\/+$/, '')}/api/lines`;
  for (let attempt = 1; !signal.aborted; attempt++) {
    const outcome = await requestJson(url, { timeoutMs: 10_000 });
    if (outcome.kind === 'ok') {
      const parsed = linesResponseSchema.safeParse(outcome.body);
      if (parsed.success) {
        const line = parsed.data.lines.find((l) => l.id === wanted) ?? parsed.data.lines.find((l) => l.name === wanted);
        if (line) return { id: line.id, name: line.name };
        const known = parsed.data.lines.map((l) => `"${l.name}"`).join(', ') || 'none';
        return { problem: problem('request.not-found', `No line with id or name "${wanted}" on ${server} (lines: ${known})`) };
      }
      log('warn', `${url} answered an unexpected body, retrying: ${parsed.error.issues[0]?.message}`);
    } else if (outcome.kind === 'rejected') {
      return { problem: problem('request.invalid', outcome.reason) };
    } else if (attempt === 1 || attempt % 10 === 0) {
      log('warn', `waiting for the server to list lines: ${outcome.reason}`);
    }
    await sleep(backoffDelay(attempt, { initialMs: 250, maxMs: 5_000 }), signal);
  }
  return null;
}
