/**
 * Pipelines and their immutable versions. Saving never edits a version: it adds the next number.
 * Two saves racing for the same number are both kept — the loser of the unique (pipelineId,
 * number) index retries with the next number.
 */
import { hashJson } from '@/lib/pipeline/hash';
import { ProblemError, problem } from '@/lib/pipeline/problems';
import type { DbContext } from './context';
import { isUniqueViolation } from './prisma-errors';
import type { PipelineRecord, PipelineVersionRecord } from './types';

export interface SaveVersionInput {
  pipelineId: string;
  graph: unknown;
  author: string;
  message: string;
}

export interface PipelinesRepo {
  create(input: { name: string }): Promise<PipelineRecord>;
  list(): Promise<PipelineRecord[]>;
  get(id: string): Promise<PipelineRecord | null>;
  /** The oldest pipeline with this name (names need not be unique). */
  findByName(name: string): Promise<PipelineRecord | null>;
  saveVersion(input: SaveVersionInput): Promise<PipelineVersionRecord>;
  listVersions(pipelineId: string): Promise<PipelineVersionRecord[]>;
  getVersion(versionId: string): Promise<PipelineVersionRecord | null>;
  getVersionByNumber(pipelineId: string, number: number): Promise<PipelineVersionRecord | null>;
}

const MAX_SAVE_ATTEMPTS = 20;

export function createPipelinesRepo({ prisma }: DbContext): PipelinesRepo {
  const latestNumber = async (pipelineId: string) =>
    (await prisma.pipelineVersion.findFirst({ where: { pipelineId }, orderBy: { number: 'desc' }, select: { number: true } }))?.number ?? 0;

  return {
    async create({ name }) {
      if (!name.trim()) throw new ProblemError([problem('request.invalid', 'A pipeline needs a name', { path: ['name'] })]);
      return { ...(await prisma.pipeline.create({ data: { name } })), latestVersion: 0 };
    },
    async list() {
      const rows = await prisma.pipeline.findMany({ orderBy: { createdAt: 'asc' } });
      const latest = await prisma.pipelineVersion.groupBy({ by: ['pipelineId'], _max: { number: true } });
      const byId = new Map(latest.map((row) => [row.pipelineId, row._max.number ?? 0]));
      return rows.map((row) => ({ ...row, latestVersion: byId.get(row.id) ?? 0 }));
    },
    async get(id) {
      const row = await prisma.pipeline.findUnique({ where: { id } });
      return row && { ...row, latestVersion: await latestNumber(id) };
    },
    async findByName(name) {
      const row = await prisma.pipeline.findFirst({ where: { name }, orderBy: { createdAt: 'asc' } });
      return row && { ...row, latestVersion: await latestNumber(row.id) };
    },
    async saveVersion({ pipelineId, graph, author, message }) {
      if (!(await prisma.pipeline.findUnique({ where: { id: pipelineId }, select: { id: true } }))) {
        throw new ProblemError([problem('request.not-found', `No pipeline with id ${pipelineId}`)]);
      }
      const data = { pipelineId, graph: JSON.stringify(graph), graphHash: hashJson(graph), author, message };
      for (let attempt = 1; ; attempt++) {
        try {
          return toVersion(await prisma.pipelineVersion.create({ data: { ...data, number: (await latestNumber(pipelineId)) + 1 } }));
        } catch (error) {
          if (!isUniqueViolation(error) || attempt >= MAX_SAVE_ATTEMPTS) throw error;
          // Someone else took that number; a little jitter keeps racing savers from colliding again.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
        }
      }
    },
    async listVersions(pipelineId) {
      return (await prisma.pipelineVersion.findMany({ where: { pipelineId }, orderBy: { number: 'asc' } })).map(toVersion);
    },
    async getVersion(versionId) {
      const row = await prisma.pipelineVersion.findUnique({ where: { id: versionId } });
      return row && toVersion(row);
    },
    async getVersionByNumber(pipelineId, number) {
      const row = await prisma.pipelineVersion.findUnique({ where: { pipelineId_number: { pipelineId, number } } });
      return row && toVersion(row);
    },
  };
}

function toVersion(row: Omit<PipelineVersionRecord, 'graph'> & { graph: string }): PipelineVersionRecord {
  return { ...row, graph: JSON.parse(row.graph) };
}
