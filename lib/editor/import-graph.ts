/**
 * Reading a pipeline file the user picked. Anything that is not a graph this Loupe can edit is
 * refused with a clear reason, and the canvas is left as it was. Unknown kinds are refused too:
 * the editor could not draw their ports or forms.
 */
import type { KindLookup } from '@/lib/pipeline/compile/check-structure';
import { GRAPH_VERSION, graphSchema, type Graph } from '@/lib/pipeline/graph';
import { problem, type Problem } from '@/lib/pipeline/problems';

export type ImportResult = { ok: true; graph: Graph } | { ok: false; problems: Problem[] };

export function importGraph(text: string, kinds: KindLookup): ImportResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(problem('graph.invalid', `The file is not JSON: ${(error as Error).message}`));
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || !('nodes' in value)) {
    return fail(problem('graph.invalid', 'The file is not a Loupe pipeline (no "nodes" list)'));
  }
  const version = (value as { version?: unknown }).version;
  if (typeof version === 'number' && version > GRAPH_VERSION) {
    return fail(problem('graph.version', `The file is a version ${version} pipeline; this Loupe reads version ${GRAPH_VERSION}. Update Loupe to open it.`));
  }
  const parsed = graphSchema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) =>
        problem(i.code === 'invalid_value' && i.path[0] === 'version' ? 'graph.version' : 'graph.invalid', `${i.path.join('.') || 'file'}: ${i.message}`, {
          path: i.path.map((p) => (typeof p === 'number' ? p : String(p))),
        }),
      ),
    };
  }
  const unknown = parsed.data.nodes.filter((n) => !kinds(n.kind));
  if (unknown.length) {
    return { ok: false, problems: unknown.map((n) => problem('node.unknown-kind', `Node "${n.id}" has unknown kind "${n.kind}"`, { nodeId: n.id })) };
  }
  return { ok: true, graph: parsed.data };
}

function fail(p: Problem): ImportResult {
  return { ok: false, problems: [p] };
}
