/**
 * The bulk INSERT for results, one per provider, skipping rows whose key is already stored.
 * Prisma's createMany costs ~0.3 ms per row in the query compiler, and even its raw queries cost
 * more per parameter than the insert; these statements go straight to the driver (bulkExecute).
 * Values are encoded the way Prisma stores them, so Prisma reads these rows back like its own.
 */
import type { ResultRow } from './result-rows';

export const RESULT_COLUMNS = [
  'id', 'lineId', 'versionId', 'deploymentId', 'frameId', 'seq', 'origin', 'inspectedAt', 'verdict',
  'defects', 'reasons', 'errorCode', 'errorMessage', 'latencyMs', 'truthDefective',
] as const satisfies readonly (keyof ResultRow)[];

const columnList = RESULT_COLUMNS.map((column) => `"${column}"`).join(', ');

/** SQLite: multi-row VALUES with `?` placeholders (the adapter encodes Date and boolean as Prisma does). */
export function sqliteInsert(rows: ResultRow[]): { sql: string; params: unknown[] } {
  const tuple = `(${RESULT_COLUMNS.map(() => '?').join(', ')})`;
  const params: unknown[] = [];
  for (const row of rows) {
    for (const column of RESULT_COLUMNS) params.push(row[column]);
  }
  const sql = `INSERT INTO "Result" (${columnList}) VALUES ${rows.map(() => tuple).join(', ')} ON CONFLICT ("id") DO NOTHING`;
  return { sql, params };
}

/** PostgreSQL: one array parameter per column, expanded with unnest — 15 parameters for any row count. */
export function postgresInsert(rows: ResultRow[]): { sql: string; params: unknown[] } {
  const types: Record<(typeof RESULT_COLUMNS)[number], string> = {
    id: 'text', lineId: 'text', versionId: 'text', deploymentId: 'text', frameId: 'text', seq: 'int4', origin: 'text',
    inspectedAt: 'timestamp(3)', verdict: 'text', defects: 'text', reasons: 'text', errorCode: 'text', errorMessage: 'text',
    latencyMs: 'float8', truthDefective: 'bool',
  };
  const params = RESULT_COLUMNS.map((column) =>
    rows.map((row) => {
      const value = row[column];
      return value instanceof Date ? value.toISOString() : value;
    }),
  );
  const arrays = RESULT_COLUMNS.map((column, i) => `$${i + 1}::${types[column]}[]`).join(', ');
  const sql = `INSERT INTO "Result" (${columnList}) SELECT * FROM unnest(${arrays}) ON CONFLICT ("id") DO NOTHING`;
  return { sql, params };
}
