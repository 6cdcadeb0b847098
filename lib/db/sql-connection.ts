/**
 * A plain SQL connection straight on the driver (better-sqlite3 or pg), below Prisma. Migrations
 * need it (multi-statement scripts, DDL in transactions) and so does schema introspection.
 */
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { ProblemError, problem } from '@/lib/pipeline/problems';
import { type DatabaseTarget, ensureSqliteFolder, redact } from './database-url';

export interface SqlConnection {
  readonly provider: DatabaseTarget['provider'];
  /** Runs a script of one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  /** One statement; `?` placeholders on SQLite, `$1…` on PostgreSQL. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

export async function openSqlConnection(target: DatabaseTarget): Promise<SqlConnection> {
  return target.provider === 'sqlite' ? openSqlite(target.file) : openPostgres(target);
}

function openSqlite(file: string): SqlConnection {
  ensureSqliteFolder({ provider: 'sqlite', url: `file:${file}`, file });
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  return {
    provider: 'sqlite',
    async exec(sql) {
      db.exec(sql);
    },
    async query<Row>(sql: string, params: unknown[] = []) {
      const statement = db.prepare(sql);
      if (statement.reader) return statement.all(...params) as Row[];
      statement.run(...params);
      return [];
    },
    async close() {
      db.close();
    },
  };
}

async function openPostgres(target: Extract<DatabaseTarget, { provider: 'postgresql' }>): Promise<SqlConnection> {
  const client = new pg.Client({ connectionString: target.connectionString, options: `-c search_path="${target.schema}"` });
  try {
    await client.connect();
  } catch (error) {
    throw new ProblemError([problem('db.unreachable', `Cannot connect to ${redact(target.url)}: ${(error as Error).message}`)]);
  }
  return {
    provider: 'postgresql',
    async exec(sql) {
      await client.query(sql);
    },
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as Row[];
    },
    async close() {
      await client.end();
    },
  };
}
