/**
 * Fresh databases for tests: a temp SQLite file, and a uniquely named schema on the PostgreSQL
 * server (LOUPE_TEST_PG_URL, default postgresql://postgres@127.0.0.1:5432/test) so parallel runs
 * never collide. PostgreSQL unreachable: fails loudly under CI, skips with a message locally.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { type Database, openDatabase } from '@/lib/db/client';

export type Provider = 'sqlite' | 'postgresql';

export interface TestDatabaseUrl {
  provider: Provider;
  url: string;
  cleanup(): Promise<void>;
}

export const PG_BASE_URL = process.env.LOUPE_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

async function probePostgres(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_BASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

const pgProblem = await probePostgres();
if (pgProblem && process.env.CI) {
  throw new Error(`PostgreSQL at ${PG_BASE_URL} is required in CI and unreachable: ${pgProblem}`);
}
if (pgProblem) console.warn(`[test/db] PostgreSQL tests skipped: ${PG_BASE_URL} unreachable (${pgProblem})`);

export const PROVIDERS: { provider: Provider; skip: string | null }[] = [
  { provider: 'sqlite', skip: null },
  { provider: 'postgresql', skip: pgProblem ? `PostgreSQL unreachable: ${pgProblem}` : null },
];

export async function createTestDatabaseUrl(provider: Provider): Promise<TestDatabaseUrl> {
  const id = `${process.pid}_${randomBytes(4).toString('hex')}`;
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-db-test-'));
    return { provider, url: `file:${join(dir, 'test.db')}`, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `loupe_test_${id}`;
  return {
    provider,
    url: `${PG_BASE_URL}${PG_BASE_URL.includes('?') ? '&' : '?'}schema=${schema}`,
    async cleanup() {
      const client = new pg.Client({ connectionString: PG_BASE_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Runs the same suite once per database, each on a fresh migrated database opened before the
 * suite and dropped after it.
 */
export function describeEachDatabase(title: string, suite: (db: () => Database, provider: Provider) => void): void {
  describe.each(PROVIDERS)(`${title} on $provider`, ({ provider, skip }) => {
    if (skip) {
      describe.skip(`skipped: ${skip}`, () => suite(() => undefined as never, provider));
      return;
    }
    let database: Database | undefined;
    let target: TestDatabaseUrl | undefined;
    beforeAll(async () => {
      target = await createTestDatabaseUrl(provider);
      database = await openDatabase(target.url);
    });
    afterAll(async () => {
      await database?.close();
      await target?.cleanup();
    });
    suite(() => database!, provider);
  });
}
