/** Production lines: a name and the takt time the line runs at. */
import { ProblemError, problem } from '@/lib/pipeline/problems';
import type { DbContext } from './context';
import { isUniqueViolation } from './prisma-errors';
import type { LineRecord } from './types';

export interface LinesRepo {
  create(input: { name: string; taktMs: number }): Promise<LineRecord>;
  list(): Promise<LineRecord[]>;
  get(id: string): Promise<LineRecord | null>;
  getByName(name: string): Promise<LineRecord | null>;
}

export function createLinesRepo({ prisma }: DbContext): LinesRepo {
  return {
    async create({ name, taktMs }) {
      if (!name.trim()) throw new ProblemError([problem('request.invalid', 'A line needs a name', { path: ['name'] })]);
      if (!Number.isInteger(taktMs) || taktMs <= 0) {
        throw new ProblemError([problem('request.invalid', `Takt time must be a positive whole number of ms, got ${taktMs}`, { path: ['taktMs'] })]);
      }
      try {
        return await prisma.line.create({ data: { name, taktMs } });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ProblemError([problem('request.conflict', `A line named "${name}" already exists`, { path: ['name'] })]);
        throw error;
      }
    },
    list: () => prisma.line.findMany({ orderBy: [{ createdAt: 'asc' }, { name: 'asc' }] }),
    get: (id) => prisma.line.findUnique({ where: { id } }),
    getByName: (name) => prisma.line.findUnique({ where: { name } }),
  };
}
