/**
 * Prisma's own reading of a schema (its DMMF datamodel), obtained offline by running
 * `prisma generate` with only the small DMMF generator (scripts/prisma-dmmf-generator.mjs).
 * Used by the drift check; takes a second or two, so never on a request path.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prismaGenerate, schemaForProvider } from '@/scripts/prisma-generate.mjs';
import type { DmmfDatamodel } from './expected-shape';

export function loadDmmf(schemaSource: string, provider: 'sqlite' | 'postgresql'): DmmfDatamodel {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-dmmf-'));
  try {
    const schemaPath = join(dir, 'schema.prisma');
    writeFileSync(schemaPath, schemaForProvider(schemaSource, provider, { clientOutput: null, dmmfOutput: './dmmf.json' }));
    prismaGenerate(schemaPath, dir);
    return JSON.parse(readFileSync(join(dir, 'dmmf.json'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
