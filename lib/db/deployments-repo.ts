/**
 * Which pipeline version runs on which line. Deploying ends the line's active deployment and
 * starts a new one in one transaction; ended deployments stay as history (roll back = deploy an
 * older version again). The unique `activeLineId` column makes "one active deployment per line"
 * a database rule, so racing deploys cannot both win.
 */
import { ProblemError, problem } from '@/lib/pipeline/problems';
import type { DbContext } from './context';
import { isUniqueViolation } from './prisma-errors';
import type { DeploymentRecord } from './types';

export interface DeploymentsRepo {
  deploy(input: { lineId: string; versionId: string }): Promise<DeploymentRecord>;
  current(lineId: string): Promise<DeploymentRecord | null>;
  get(deploymentId: string): Promise<DeploymentRecord | null>;
  /** Newest first. */
  history(lineId: string): Promise<DeploymentRecord[]>;
}

const withVersion = { version: { select: { number: true, pipelineId: true, pipeline: { select: { name: true } } } } } as const;

interface Row {
  id: string;
  lineId: string;
  versionId: string;
  deployedAt: Date;
  endedAt: Date | null;
  activeLineId: string | null;
  version: { number: number; pipelineId: string; pipeline: { name: string } };
}

export function createDeploymentsRepo({ prisma }: DbContext): DeploymentsRepo {
  return {
    async deploy({ lineId, versionId }) {
      const [line, version] = await Promise.all([
        prisma.line.findUnique({ where: { id: lineId }, select: { id: true } }),
        prisma.pipelineVersion.findUnique({ where: { id: versionId }, select: { id: true } }),
      ]);
      if (!line) throw new ProblemError([problem('request.not-found', `No line with id ${lineId}`)]);
      if (!version) throw new ProblemError([problem('request.not-found', `No pipeline version with id ${versionId}`)]);
      for (let attempt = 1; ; attempt++) {
        try {
          const row = await prisma.$transaction(async (tx) => {
            const now = new Date();
            await tx.deployment.updateMany({ where: { activeLineId: lineId }, data: { activeLineId: null, endedAt: now } });
            return tx.deployment.create({ data: { lineId, versionId, deployedAt: now, activeLineId: lineId }, include: withVersion });
          });
          return toDeployment(row);
        } catch (error) {
          if (!isUniqueViolation(error) || attempt >= 10) throw error;
        }
      }
    },
    async current(lineId) {
      const row = await prisma.deployment.findUnique({ where: { activeLineId: lineId }, include: withVersion });
      return row && toDeployment(row);
    },
    async get(deploymentId) {
      const row = await prisma.deployment.findUnique({ where: { id: deploymentId }, include: withVersion });
      return row && toDeployment(row);
    },
    async history(lineId) {
      const rows = await prisma.deployment.findMany({ where: { lineId }, orderBy: [{ deployedAt: 'desc' }, { endedAt: { sort: 'desc', nulls: 'first' } }], include: withVersion });
      return rows.map(toDeployment);
    },
  };
}

function toDeployment(row: Row): DeploymentRecord {
  return {
    id: row.id,
    lineId: row.lineId,
    versionId: row.versionId,
    pipelineId: row.version.pipelineId,
    pipelineName: row.version.pipeline.name,
    versionNumber: row.version.number,
    deployedAt: row.deployedAt,
    endedAt: row.endedAt,
    active: row.activeLineId !== null,
  };
}
