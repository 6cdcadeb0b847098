/**
 * The driver-level transaction behind DbContext.bulkExecute, one per provider.
 * SQLite: the statements go through Prisma's own adapter connection and its transaction mutex, so
 * they never interleave with a Prisma transaction. PostgreSQL: a connection of the shared pool.
 */
import type { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type pg from 'pg';
import type { SqlStatement } from './context';

type SqliteAdapter = Awaited<ReturnType<PrismaBetterSqlite3['connect']>>;

/** Values arrive already encoded; "unknown" tells the adapter to bind them as they are. One shared object: a chunk has ~15,000. */
const AS_IS = { scalarType: 'unknown', arity: 'scalar' } as const;

export function sqliteBulkExecute(getAdapter: () => Promise<SqliteAdapter>) {
  return async (statements: SqlStatement[]): Promise<number> => {
    const adapter = await getAdapter();
    const tx = await adapter.startTransaction(); // BEGIN, under the adapter's mutex
    const run = (sql: string, args: unknown[] = []) =>
      tx.executeRaw({ sql, args, argTypes: new Array(args.length).fill(AS_IS) });
    try {
      let changed = 0;
      for (const { sql, params } of statements) changed += await run(sql, params);
      await run('COMMIT');
      await tx.commit(); // releases the mutex
      return changed;
    } catch (error) {
      await run('ROLLBACK').catch(() => {});
      await tx.rollback();
      throw error;
    }
  };
}

export function postgresBulkExecute(pool: pg.Pool) {
  return async (statements: SqlStatement[]): Promise<number> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      let changed = 0;
      for (const { sql, params } of statements) changed += (await client.query(sql, params)).rowCount ?? 0;
      await client.query('COMMIT');
      return changed;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
}
