/**
 * One JSON request to the Loupe server, with a timeout, classified for retrying: a 2xx is done, a
 * 5xx / 408 / 429 / network error is worth retrying, any other 4xx never will succeed.
 */
import { messageOf } from '@/lib/pipeline/runtime/message-of';

export type HttpOutcome =
  | { kind: 'ok'; status: number; body: unknown }
  | { kind: 'retry'; status?: number; reason: string }
  | { kind: 'rejected'; status: number; reason: string };

export async function requestJson(url: string, init: { method?: 'GET' | 'POST'; body?: unknown; timeoutMs: number; signal?: AbortSignal }): Promise<HttpOutcome> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: init.body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(init.timeoutMs)]) : AbortSignal.timeout(init.timeoutMs),
    });
  } catch (err) {
    return { kind: 'retry', reason: `${url} unreachable: ${causeOf(err)}` };
  }
  const text = await response.text().catch(() => '');
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (a proxy's error page …): kept as text for the reason.
  }
  if (response.ok) return { kind: 'ok', status: response.status, body };
  const reason = `${url} answered ${response.status}: ${describe(body)}`;
  const transient = response.status >= 500 || response.status === 408 || response.status === 429;
  return transient ? { kind: 'retry', status: response.status, reason } : { kind: 'rejected', status: response.status, reason };
}

/** fetch hides the socket error (ECONNREFUSED …) in `cause`. */
function causeOf(err: unknown): string {
  const cause = (err as { cause?: unknown })?.cause;
  return cause ? `${messageOf(err)} (${messageOf(cause)})` : messageOf(err);
}

function describe(body: unknown): string {
  const problems = (body as { problems?: { code?: string; message?: string }[] })?.problems;
  if (Array.isArray(problems)) return problems.map((p) => `${p.code}: ${p.message}`).join('; ');
  return String(typeof body === 'string' ? body.slice(0, 200) : JSON.stringify(body)?.slice(0, 200));
}
