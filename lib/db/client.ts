/**
 * Opens Loupe's database: SQLite (better-sqlite3 driver adapter) for `file:` URLs or no URL,
 * PostgreSQL (pg driver adapter) for `postgres://` URLs. Same schema, same repositories.
 */
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { postgresBulkExecute, sqliteBulkExecute } from './bulk-execute';
import type { DbContext, Prisma } from './context';
import { type DatabaseTarget, ensureSqliteFolder, parseDatabaseUrl, redact } from './database-url';
import { PrismaClient as PostgresClient } from './generated/postgresql/client';
import { PrismaClient as SqliteClient } from './generated/sqlite/client';
import { migrate } from './migrate';
import { createDeploymentsRepo, type DeploymentsRepo } from './deployments-repo';
import { createLinesRepo, type LinesRepo } from './lines-repo';
import { createPipelinesRepo, type PipelinesRepo } from './pipelines-repo';
import { createPrecisionJobsRepo, type PrecisionJobsRepo } from './precision-jobs-repo';
import { createResultsRepo, type ResultsRepo } from './results-repo';
import { createStatsRepo, type StatsRepo } from './stats-repo';
import { createWorkersRepo, type WorkersRepo } from './workers-repo';

export interface OpenDatabaseOptions {
  /** Apply pending migrations before opening (default true). */
  migrate?: boolean;
}

export interface Database {
  readonly provider: DatabaseTarget['provider'];
  /** The URL with any password hidden. */
  readonly url: string;
  readonly lines: LinesRepo;
  readonly pipelines: PipelinesRepo;
  readonly deployments: DeploymentsRepo;
  readonly results: ResultsRepo;
  readonly stats: StatsRepo;
  readonly workers: WorkersRepo;
  readonly precisionJobs: PrecisionJobsRepo;
  close(): Promise<void>;
}

export async function openDatabase(url?: string, options: OpenDatabaseOptions = {}): Promise<Database> {
  const target = parseDatabaseUrl(url);
  ensureSqliteFolder(target);
  if (options.migrate ?? true) await migrate(target.url);
  const { ctx, close } = target.provider === 'sqlite' ? await connectSqlite(target.file) : connectPostgres(target);
  return {
    provider: target.provider,
    url: redact(target.url),
    lines: createLinesRepo(ctx),
    pipelines: createPipelinesRepo(ctx),
    deployments: createDeploymentsRepo(ctx),
    results: createResultsRepo(ctx),
    stats: createStatsRepo(ctx),
    workers: createWorkersRepo(ctx),
    precisionJobs: createPrecisionJobsRepo(ctx),
    close,
  };
}

async function connectSqlite(file: string): Promise<{ ctx: DbContext; close: () => Promise<void> }> {
  const factory = new PrismaBetterSqlite3({ url: file, timeout: 5000 });
  // Keep hold of the adapter Prisma connects with, for bulkExecute (see bulk-execute.ts).
  let adapter: Promise<Awaited<ReturnType<typeof factory.connect>>> | undefined;
  const capturing: typeof factory = Object.assign(Object.create(factory), {
    connect: () => (adapter = factory.connect()),
  });
  const prisma = new SqliteClient({ adapter: capturing });
  // Per-connection settings: fsync at checkpoints only (safe with WAL), and wait on locks held
  // by another process (the worker and the web app share the file) instead of failing.
  await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await prisma.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  await prisma.$queryRawUnsafe('PRAGMA foreign_keys = ON');
  const getAdapter = async () => {
    if (!adapter) await prisma.$connect();
    return adapter!;
  };
  return { ctx: { prisma, provider: 'sqlite', bulkExecute: sqliteBulkExecute(getAdapter) }, close: () => prisma.$disconnect() };
}

function connectPostgres(target: Extract<DatabaseTarget, { provider: 'postgresql' }>): { ctx: DbContext; close: () => Promise<void> } {
  const pool = new pg.Pool({ connectionString: target.connectionString, options: `-c search_path="${target.schema}"`, max: 10 });
  // The adapter shares our pool (its bundled pg typings differ from ours; the runtime class is the same).
  const prisma = new PostgresClient({ adapter: new PrismaPg(pool as unknown as ConstructorParameters<typeof PrismaPg>[0], { schema: target.schema }) }) as unknown as Prisma;
  return {
    ctx: { prisma, provider: 'postgresql', bulkExecute: postgresBulkExecute(pool) },
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
