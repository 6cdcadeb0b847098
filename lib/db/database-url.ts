/**
 * Which database a URL names. `file:` (or no URL) is an embedded SQLite file; `postgres://` or
 * `postgresql://` is a PostgreSQL server, with an optional `?schema=` to work inside one schema
 * (the tests use that to stay apart from each other).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ProblemError, problem } from '@/lib/pipeline/problems';

export const DEFAULT_DATABASE_URL = 'file:./data/loupe.db';

export type DatabaseTarget =
  | { provider: 'sqlite'; url: string; file: string }
  | { provider: 'postgresql'; url: string; connectionString: string; schema: string };

export function parseDatabaseUrl(url: string = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): DatabaseTarget {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '' || path === ':memory:') {
      throw new ProblemError([problem('db.bad-url', `SQLite needs a file path, got "${url}" (in-memory databases are not supported)`)]);
    }
    return { provider: 'sqlite', url, file: resolve(path) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ProblemError([problem('db.bad-url', `Not a valid PostgreSQL URL: "${redact(url)}"`)]);
    }
    const schema = parsed.searchParams.get('schema') || 'public';
    // pg would pass unknown query parameters to the server as settings; `schema` is ours.
    parsed.searchParams.delete('schema');
    return { provider: 'postgresql', url, connectionString: parsed.toString(), schema };
  }
  throw new ProblemError([problem('db.bad-url', `Unsupported database URL "${redact(url)}": use file:<path> or postgres://…`)]);
}

/** Creates the folder an SQLite file lives in, so a fresh clone needs no set-up. */
export function ensureSqliteFolder(target: DatabaseTarget): void {
  if (target.provider === 'sqlite') mkdirSync(dirname(target.file), { recursive: true });
}

/** The URL with any password hidden, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}
