/**
 * What every repository receives: the Prisma client, which database it talks to, and a fast path
 * for bulk statements. Internal to lib/db — callers get the repositories, never Prisma itself.
 */
import type { PrismaClient } from './generated/sqlite/client';

/**
 * Both generated clients come from the one schema and expose the same API; the SQLite client's
 * type stands for both.
 */
export type Prisma = PrismaClient;

export interface SqlStatement {
  sql: string;
  params: unknown[];
}

export interface DbContext {
  readonly prisma: Prisma;
  readonly provider: 'sqlite' | 'postgresql';
  /**
   * Runs statements in one transaction straight on the driver, returning the total affected
   * rows. Prisma's raw-query layer costs more per parameter than the insert itself; bulk result
   * writes use this instead. Dates and booleans may be passed as-is.
   */
  bulkExecute(statements: SqlStatement[]): Promise<number>;
}
