import type { LineSummary } from '@/lib/lines/line-summary';

/** One word for a line's state, from its deployment and its workers' heartbeats. */
export function lineStatus(line: LineSummary): { label: string; tone: 'ok' | 'warn' | 'off' } {
  if (!line.deployment) return { label: 'Not deployed', tone: 'off' };
  const online = line.workers.filter((w) => w.online);
  if (online.length === 0) return { label: line.workers.length ? 'Worker offline' : 'No worker', tone: 'warn' };
  const states = online.map((w) => String(w.status.state ?? 'running'));
  if (states.every((s) => s === 'running')) return { label: 'Running', tone: 'ok' };
  return { label: states.find((s) => s !== 'running')!, tone: 'warn' };
}
