/** What an editor page needs from the server: the pipeline, its history and one version's graph. */
import { notFound } from 'next/navigation';
import { graphSchema, GRAPH_VERSION, type Graph } from '@/lib/pipeline/graph';
import { ProblemError } from '@/lib/pipeline/problems';
import { requirePipeline, summary } from '@/lib/pipeline-store/versions';
import { listModelOptions } from './model-options';

export async function loadEditorData(id: string, number?: number) {
  let found;
  try {
    found = await requirePipeline(id);
  } catch (error) {
    if (error instanceof ProblemError) notFound();
    throw error;
  }
  const { db, pipeline } = found;
  const versions = await db.pipelines.listVersions(pipeline.id);
  const version = number === undefined ? versions.at(-1) : versions.find((v) => v.number === number);
  if (number !== undefined && !version) notFound();
  return {
    pipeline: { id: pipeline.id, name: pipeline.name },
    versions: versions.map(summary),
    version: version && { number: version.number, graph: asGraph(version.graph) },
    models: listModelOptions(),
  };
}

/** A stored graph that no longer parses (an older build's file) opens as empty rather than crashing the page. */
export function asGraph(value: unknown): Graph {
  const parsed = graphSchema.safeParse(value);
  return parsed.success ? parsed.data : { version: GRAPH_VERSION, nodes: [], edges: [] };
}
