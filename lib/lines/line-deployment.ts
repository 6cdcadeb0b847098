/** What a worker pulls to run a line: the active deployment and its graph. */
import type { Database } from '@/lib/db/client';
import { ProblemError, problem } from '@/lib/pipeline/problems';

export interface LineDeployment {
  lineId: string;
  deploymentId: string;
  versionId: string;
  pipelineId: string;
  pipelineName: string;
  versionNumber: number;
  graphHash: string;
  graph: unknown;
}

/** `line` is a line id or, for people typing flags, its name. */
export async function lineDeployment(db: Database, line: string): Promise<LineDeployment> {
  const found = (await db.lines.get(line)) ?? (await db.lines.getByName(line));
  if (!found) throw new ProblemError([problem('request.not-found', `No line with id or name "${line}"`)]);
  const deployment = await db.deployments.current(found.id);
  if (!deployment) throw new ProblemError([problem('request.not-found', `Nothing is deployed on line "${found.name}"`)]);
  const version = await db.pipelines.getVersion(deployment.versionId);
  if (!version) throw new ProblemError([problem('request.not-found', `Pipeline version ${deployment.versionId} is gone`)]);
  return {
    lineId: found.id,
    deploymentId: deployment.id,
    versionId: version.id,
    pipelineId: deployment.pipelineId,
    pipelineName: deployment.pipelineName,
    versionNumber: deployment.versionNumber,
    graphHash: version.graphHash,
    graph: version.graph,
  };
}
