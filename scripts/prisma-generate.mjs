#!/usr/bin/env node
// Runs at `npm ci` (postinstall): generates one Prisma client per database from the one source
// schema, prisma/schema.prisma. For each provider it writes a copy of the schema with that
// provider into lib/db/generated/ (gitignored) and runs `prisma generate` on it. No network is
// needed: the schema engine binary is never used by `generate` with the prisma-client generator,
// so it is pointed at /bin/true to stop the CLI from trying to download it.
import { spawnSync } from 'node:child_process';
import console from 'node:console';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const generatedDir = join(root, 'lib', 'db', 'generated');
export const PROVIDERS = ['sqlite', 'postgresql'];

/**
 * The source schema rewritten for one provider: datasource provider and client output folder.
 * `clientOutput: null` drops the client generator; `dmmfOutput` adds one that dumps Prisma's DMMF
 * datamodel as JSON there (lib/db/load-dmmf.ts uses both for the drift check).
 */
export function schemaForProvider(source, provider, { clientOutput = `./${provider}`, dmmfOutput = null } = {}) {
  const datasource = /datasource\s+db\s*\{[^}]*\}/;
  const client = /generator\s+client\s*\{[^}]*\}/;
  if (!datasource.test(source) || !client.test(source)) {
    throw new Error('prisma/schema.prisma must contain `datasource db { … }` and `generator client { … }` blocks');
  }
  const dmmfGenerator = join(root, 'scripts', 'prisma-dmmf-generator.mjs');
  const clientBlock =
    clientOutput === null
      ? ''
      : `generator client {\n  provider = "prisma-client"\n  output   = "${clientOutput}"\n  moduleFormat = "esm"\n  importFileExtension = ""\n}\n`;
  const dmmfBlock = dmmfOutput === null ? '' : `\ngenerator dmmf {\n  provider = "node '${dmmfGenerator}'"\n  output   = "${dmmfOutput}"\n}\n`;
  return (
    `// GENERATED from prisma/schema.prisma by scripts/prisma-generate.mjs. Do not edit.\n` +
    source.replace(datasource, `datasource db {\n  provider = "${provider}"\n}`).replace(client, clientBlock) +
    dmmfBlock
  );
}

/** Runs `prisma generate` offline on one schema file; throws with Prisma's output on failure. */
export function prismaGenerate(schemaPath, cwd = root) {
  const cli = join(root, 'node_modules', 'prisma', 'build', 'index.js');
  const run = spawnSync(process.execPath, [cli, 'generate', '--schema', schemaPath], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/true',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      PRISMA_GENERATE_NO_ENGINE: '1',
      CHECKPOINT_DISABLE: '1',
      PRISMA_DISABLE_WARNINGS: '1',
    },
  });
  if (run.status !== 0) {
    throw new Error(`prisma generate failed for ${schemaPath}:\n${run.stdout}\n${run.stderr}`);
  }
}

function main() {
  const cli = join(root, 'node_modules', 'prisma', 'build', 'index.js');
  if (!existsSync(cli)) {
    console.warn('prisma-generate: the prisma package is not installed; skipping client generation.');
    return;
  }
  const source = readFileSync(join(root, 'prisma', 'schema.prisma'), 'utf8');
  mkdirSync(generatedDir, { recursive: true });
  for (const provider of PROVIDERS) {
    const schemaPath = join(generatedDir, `${provider}.prisma`);
    writeFileSync(schemaPath, schemaForProvider(source, provider));
    prismaGenerate(schemaPath);
    console.log(`prisma-generate: ${provider} client → lib/db/generated/${provider}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main();
}
