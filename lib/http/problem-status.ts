/** Which HTTP status a list of problems answers with: the most severe problem decides. */
import type { Problem } from '@/lib/pipeline/problems';

/** Problems in a well-formed request that names something that cannot be used (a bad graph, a bad model). */
const UNPROCESSABLE = /^(graph|node|edge|port|model|precision|plan|run)\./;

export function statusOf(code: Problem['code']): number {
  if (code === 'request.invalid') return 400;
  if (code === 'request.not-found') return 404;
  if (code === 'request.conflict') return 409;
  if (UNPROCESSABLE.test(code)) return 422;
  if (code === 'db.unreachable') return 503;
  return 500;
}

export function problemStatus(problems: Problem[]): number {
  return problems.length ? Math.max(...problems.map((p) => statusOf(p.code))) : 500;
}
