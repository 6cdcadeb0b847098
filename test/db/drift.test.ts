/**
 * schema.prisma and the hand-written migrations must describe the same database. This applies
 * the migrations to a fresh database of each provider, introspects it, and compares it with
 * Prisma's own reading (DMMF) of schema.prisma.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '@/lib/db/database-url';
import { expectedShape } from '@/lib/db/expected-shape';
import { introspect } from '@/lib/db/introspect';
import { loadDmmf } from '@/lib/db/load-dmmf';
import { migrate, MIGRATIONS_DIR, readMigrations } from '@/lib/db/migrate';
import type { SchemaShape } from '@/lib/db/schema-shape';
import { schemaDrift } from '@/lib/db/schema-drift';
import { openSqlConnection } from '@/lib/db/sql-connection';
import { createTestDatabaseUrl, PROVIDERS, type Provider } from './test-databases';

const schemaSource = readFileSync(join(process.cwd(), 'prisma', 'schema.prisma'), 'utf8');

async function migratedShape(provider: Provider, migrationsDir?: string): Promise<SchemaShape> {
  const target = await createTestDatabaseUrl(provider);
  try {
    await migrate(target.url, { dir: migrationsDir });
    const parsed = parseDatabaseUrl(target.url);
    const connection = await openSqlConnection(parsed);
    try {
      return await introspect(connection, parsed.provider === 'postgresql' ? parsed.schema : undefined);
    } finally {
      await connection.close();
    }
  } finally {
    await target.cleanup();
  }
}

describe.each(PROVIDERS)('schema.prisma against the $provider migrations', ({ provider, skip }) => {
  it.skipIf(skip)(`given a fresh database migrated from scratch, when introspected, then it matches schema.prisma exactly${skip ? ` (skipped: ${skip})` : ''}`, async () => {
    const drift = schemaDrift(expectedShape(loadDmmf(schemaSource, provider), provider), await migratedShape(provider));
    expect(drift).toEqual([]);
  });

  it.skipIf(skip)('given a schema.prisma altered behind the migrations\' back, when compared, then each change is reported', async () => {
    const altered = schemaSource
      .replace(/latencyMs(\s+)Float/, 'latencyMs$1Int')
      .replace(/errorCode(\s+)String\?/, 'errorCode$1String')
      .replace(/@@index\(\[lineId, inspectedAt\]\)/, '@@index([inspectedAt])')
      .replace(/model Worker \{/, 'model Worker {\n  host String');
    expect(altered).not.toBe(schemaSource);
    const drift = schemaDrift(expectedShape(loadDmmf(altered, provider), provider), await migratedShape(provider));
    expect(drift).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Result\.latencyMs: type /),
        expect.stringMatching(/^Result\.errorCode: nullable in the migrations, required in schema\.prisma/),
        'Result: index (inspectedAt): in schema.prisma, missing from the migrations',
        'Result: index (lineId, inspectedAt): in the migrations, not in schema.prisma',
        'Worker.host: in schema.prisma, missing from the migrations',
      ]),
    );
    expect(drift).toHaveLength(5);
  });

  it.skipIf(skip)('given a migration edited behind schema.prisma\'s back, when compared, then the change is reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-migrations-'));
    try {
      mkdirSync(join(dir, provider));
      // Every real migration, with 0001 edited and one extra file after the last.
      for (const file of readMigrations(provider)) writeFileSync(join(dir, provider, file.name), file.sql);
      const original = readFileSync(join(MIGRATIONS_DIR, provider, '0001_init.sql'), 'utf8');
      const edited = original.replace('"truthDefective" BOOLEAN', '"truthDefective" BOOLEAN NOT NULL');
      expect(edited).not.toBe(original);
      writeFileSync(join(dir, provider, '0001_init.sql'), edited);
      writeFileSync(join(dir, provider, '9999_extra.sql'), 'CREATE INDEX "Result_verdict_idx" ON "Result"("verdict");');
      const drift = schemaDrift(expectedShape(loadDmmf(schemaSource, provider), provider), await migratedShape(provider, dir));
      expect(drift).toEqual([
        'Result.truthDefective: NOT NULL in the migrations, optional in schema.prisma',
        'Result: index (verdict): in the migrations, not in schema.prisma',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('schema drift comparison', () => {
  it('given a migration that adds a column and a unique index schema.prisma lacks, when compared, then both are reported', () => {
    const table = { columns: { id: { type: 'TEXT', nullable: false } }, primaryKey: ['id'], uniques: [], indexes: [], foreignKeys: [] };
    const actual = { T: { ...table, columns: { ...table.columns, extra: { type: 'TEXT', nullable: true } }, uniques: [['extra']] }, Orphan: table };
    expect(schemaDrift({ T: table }, actual)).toEqual([
      'table Orphan: created by the migrations, not in schema.prisma',
      'T.extra: created by the migrations, not in schema.prisma',
      'T: unique index (extra): in the migrations, not in schema.prisma',
    ]);
  });
});
