#!/usr/bin/env node
// A tiny Prisma generator that writes the schema's DMMF datamodel (models, fields, nullability,
// uniques, indexes, relations) as JSON. The drift test compares it with the migrated databases.
// Prisma talks to generators with JSON-RPC: requests arrive on stdin, answers go to stderr.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import process from 'node:process';
import { createInterface } from 'node:readline';

const reply = (id, result) => process.stderr.write(JSON.stringify({ jsonrpc: '2.0', id, result }) + '\n');
const fail = (id, message) =>
  process.stderr.write(JSON.stringify({ jsonrpc: '2.0', id, error: { code: -32000, message, data: null } }) + '\n');

createInterface({ input: process.stdin, crlfDelay: Infinity }).on('line', (line) => {
  let request;
  try {
    request = JSON.parse(line);
  } catch {
    return;
  }
  try {
    if (request.method === 'getManifest') {
      reply(request.id, { manifest: { prettyName: 'Loupe DMMF', defaultOutput: 'dmmf.json', requiresGenerators: [] } });
    } else if (request.method === 'generate') {
      const { dmmf, generator } = request.params;
      const out = generator.output.value;
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, JSON.stringify(dmmf.datamodel, null, 1));
      reply(request.id, null);
    } else {
      fail(request.id, `unknown method ${request.method}`);
    }
  } catch (error) {
    fail(request.id, String(error?.stack ?? error));
  }
});
