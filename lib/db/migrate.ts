/**
 * Applies the hand-written SQL migrations in prisma/migrations/<provider>/ in file-name order.
 * Prisma's own migrate needs its schema engine binary, which is not available offline; this runner
 * needs only the driver. Each file runs in its own transaction and is recorded with a checksum in
 * `_loupe_migrations`; a recorded file whose content changed is refused, never re-run.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProblemError, problem } from '@/lib/pipeline/problems';
import { type DatabaseTarget, parseDatabaseUrl } from './database-url';
import { openSqlConnection, type SqlConnection } from './sql-connection';

export const MIGRATIONS_TABLE = '_loupe_migrations';
/**
 * prisma/migrations next to this file in a checkout, else under the working directory (when
 * bundled, e.g. by Next.js, this file's own location says nothing about the repository).
 */
export const MIGRATIONS_DIR =
  [join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'prisma', 'migrations'), join(process.cwd(), 'prisma', 'migrations')].find((dir) =>
    existsSync(dir),
  ) ?? join(process.cwd(), 'prisma', 'migrations');

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

export function readMigrations(provider: DatabaseTarget['provider'], dir = MIGRATIONS_DIR): MigrationFile[] {
  const folder = join(/* turbopackIgnore: true */ dir, provider);
  if (!existsSync(/* turbopackIgnore: true */ folder)) return [];
  return readdirSync(/* turbopackIgnore: true */ folder)
    .filter((name) => /^\d{4}_[\w-]+\.sql$/.test(name))
    .sort()
    .map((name) => {
      const sql = readFileSync(/* turbopackIgnore: true */ join(folder, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Migrations of one SQLite file in this process, in turn: better-sqlite3 waits for locks synchronously. */
const sqliteTurns = new Map<string, Promise<unknown>>();

export async function migrate(url?: string, options: { dir?: string } = {}): Promise<MigrateResult> {
  const target = parseDatabaseUrl(url);
  const files = readMigrations(target.provider, options.dir);
  if (target.provider === 'postgresql') return withConnection(target, (db) => migratePostgres(db, files, target.schema));
  const previous = sqliteTurns.get(target.file) ?? Promise.resolve();
  const run = previous.catch(() => {}).then(() => withConnection(target, (db) => migrateConnection(db, files)));
  sqliteTurns.set(target.file, run);
  try {
    return await run;
  } finally {
    if (sqliteTurns.get(target.file) === run) sqliteTurns.delete(target.file);
  }
}

async function withConnection<T>(target: DatabaseTarget, use: (db: SqlConnection) => Promise<T>): Promise<T> {
  const connection = await openSqlConnection(target);
  try {
    return await use(connection);
  } finally {
    await connection.close();
  }
}

/** A session advisory lock serialises concurrent migrators (several app/worker processes starting). */
async function migratePostgres(db: SqlConnection, files: MigrationFile[], schema: string): Promise<MigrateResult> {
  await db.query('SELECT pg_advisory_lock(4242001)');
  try {
    await db.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    return await migrateConnection(db, files);
  } finally {
    await db.query('SELECT pg_advisory_unlock(4242001)');
  }
}

async function migrateConnection(db: SqlConnection, files: MigrationFile[]): Promise<MigrateResult> {
  const pg = db.provider === 'postgresql';
  await db.exec(
    `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" ("name" TEXT NOT NULL PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)`,
  );
  const result: MigrateResult = { applied: [], alreadyApplied: [] };
  for (const file of files) {
    // BEGIN IMMEDIATE takes SQLite's write lock up front, so another process migrating the same
    // file waits here; the applied check inside the transaction then sees its work.
    await db.exec(pg ? 'BEGIN' : 'BEGIN IMMEDIATE');
    try {
      const rows = await db.query<{ checksum: string }>(
        `SELECT "checksum" FROM "${MIGRATIONS_TABLE}" WHERE "name" = ${pg ? '$1' : '?'}`,
        [file.name],
      );
      if (rows.length > 0) {
        if (rows[0].checksum !== file.checksum) {
          throw new ProblemError([
            problem('db.migration-changed', `Migration ${file.name} was changed after it was applied; add a new migration instead`),
          ]);
        }
        result.alreadyApplied.push(file.name);
      } else {
        await db.exec(file.sql);
        await db.query(
          `INSERT INTO "${MIGRATIONS_TABLE}" ("name", "checksum", "appliedAt") VALUES (${pg ? '$1, $2, $3' : '?, ?, ?'})`,
          [file.name, file.checksum, new Date().toISOString()],
        );
        result.applied.push(file.name);
      }
      await db.exec('COMMIT');
    } catch (error) {
      await db.exec('ROLLBACK');
      throw error;
    }
  }
  return result;
}
