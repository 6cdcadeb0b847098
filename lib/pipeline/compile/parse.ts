import { GRAPH_VERSION, graphSchema, type Graph } from '../graph';
import { problem, type Problem } from '../problems';

export type Phase<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** Phase 1: is this a pipeline graph at all? Version first, so a future file gets a precise message. */
export function parseGraph(input: unknown): Phase<Graph> {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, problems: [problem('graph.invalid', 'A pipeline file is a JSON object with version, nodes and edges')] };
  }
  const version = (input as { version?: unknown }).version;
  if (typeof version === 'number' && version > GRAPH_VERSION) {
    return {
      ok: false,
      problems: [problem('graph.version', `This pipeline is version ${version}; this Loupe reads version ${GRAPH_VERSION}. Upgrade Loupe to open it.`)],
    };
  }
  const parsed = graphSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems = parsed.error.issues.map((issue) =>
    problem('graph.invalid', `${issue.path.join('.') || 'file'}: ${issue.message}`, { path: issue.path.map(pathPart) }),
  );
  return { ok: false, problems };
}

function pathPart(p: PropertyKey): string | number {
  return typeof p === 'number' ? p : String(p);
}
