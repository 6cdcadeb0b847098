import { cpSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '@/lib/db/database-url';
import { migrate, MIGRATIONS_DIR, MIGRATIONS_TABLE, readMigrations } from '@/lib/db/migrate';
import { openSqlConnection } from '@/lib/db/sql-connection';
import { createTestDatabaseUrl, PROVIDERS, type TestDatabaseUrl } from './test-databases';

describe.each(PROVIDERS)('migrations on $provider', ({ provider, skip }) => {
  let target: TestDatabaseUrl | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await target?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
    target = dir = undefined;
  });

  /** A private copy of the real migrations that a test may extend or edit. */
  function copyMigrations(): string {
    dir = mkdtempSync(join(tmpdir(), 'loupe-migrations-'));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    return dir;
  }

  async function tables(url: string): Promise<string[]> {
    const parsed = parseDatabaseUrl(url);
    const connection = await openSqlConnection(parsed);
    try {
      const rows =
        parsed.provider === 'sqlite'
          ? await connection.query<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
          : await connection.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1`, [parsed.schema]);
      return rows.map((row) => row.name).sort();
    } finally {
      await connection.close();
    }
  }

  it.skipIf(skip)(`given an empty database, when migrated twice, then every file applies once${skip ? ` (skipped: ${skip})` : ''}`, async () => {
    target = await createTestDatabaseUrl(provider);
    const all = readMigrations(provider).map((file) => file.name);
    expect(all.length).toBeGreaterThan(0);
    expect(await migrate(target.url)).toEqual({ applied: all, alreadyApplied: [] });
    expect(await migrate(target.url)).toEqual({ applied: [], alreadyApplied: all });
    expect(await tables(target.url)).toEqual(['Deployment', 'Line', 'Pipeline', 'PipelineVersion', 'PrecisionJob', 'Result', 'Worker', MIGRATIONS_TABLE].sort());
  });

  it.skipIf(skip)('given an applied migration edited afterwards, when migrating, then db.migration-changed refuses it', async () => {
    target = await createTestDatabaseUrl(provider);
    const migrations = copyMigrations();
    await migrate(target.url, { dir: migrations });
    appendFileSync(join(migrations, provider, '0001_init.sql'), '\n-- edited\n');
    await expect(migrate(target.url, { dir: migrations })).rejects.toMatchObject({ problems: [{ code: 'db.migration-changed' }] });
  });

  it.skipIf(skip)('given a new migration that fails halfway, when migrating, then none of it is applied or recorded', async () => {
    target = await createTestDatabaseUrl(provider);
    const migrations = copyMigrations();
    await migrate(target.url, { dir: migrations });
    writeFileSync(join(migrations, provider, '0099_broken.sql'), 'CREATE TABLE "Half" ("id" TEXT NOT NULL PRIMARY KEY);\nINSERT INTO "NoSuchTable" VALUES (1);');
    await expect(migrate(target.url, { dir: migrations })).rejects.toThrow();
    expect(await tables(target.url)).not.toContain('Half');
    rmSync(join(migrations, provider, '0099_broken.sql'));
    expect((await migrate(target.url, { dir: migrations })).applied).toEqual([]);
  });

  it.skipIf(skip)('given two processes migrating at once, when both finish, then each file is applied exactly once', async () => {
    target = await createTestDatabaseUrl(provider);
    const [a, b] = await Promise.all([migrate(target.url), migrate(target.url)]);
    expect([...a.applied, ...b.applied].sort()).toEqual(readMigrations(provider).map((file) => file.name));
  });
});

describe('database URLs', () => {
  it('given an unsupported URL, when parsed, then db.bad-url says which forms work', () => {
    expect(() => parseDatabaseUrl('mysql://localhost/x')).toThrow(/file:<path> or postgres/);
    expect(() => parseDatabaseUrl('file::memory:')).toThrow(/in-memory/);
  });

  it('given no URL and no DATABASE_URL, when parsed, then the embedded SQLite file data/loupe.db is used', () => {
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      expect(parseDatabaseUrl()).toMatchObject({ provider: 'sqlite', file: join(process.cwd(), 'data', 'loupe.db') });
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
  });

  it('given a postgres URL with a schema and a password, when parsed, then the schema is taken out of the connection string', () => {
    const target = parseDatabaseUrl('postgresql://u:secret@db:5432/loupe?schema=plant1&sslmode=disable');
    expect(target).toMatchObject({ provider: 'postgresql', schema: 'plant1', connectionString: 'postgresql://u:secret@db:5432/loupe?sslmode=disable' });
  });
});
