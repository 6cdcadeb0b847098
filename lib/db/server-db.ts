/**
 * The web server's database: one instance per server process, opened (and migrated) on first
 * use from DATABASE_URL. Kept on globalThis so that Next's module reloading in development and
 * several route bundles in production share one connection pool.
 */
import { type Database, openDatabase } from './client';

const holder = globalThis as unknown as { __loupeServerDb?: Promise<Database> };

export function serverDb(): Promise<Database> {
  if (!holder.__loupeServerDb) {
    const opening = openDatabase(process.env.DATABASE_URL);
    // A failed open (database down) is retried on the next request instead of being cached.
    opening.catch(() => {
      if (holder.__loupeServerDb === opening) holder.__loupeServerDb = undefined;
    });
    holder.__loupeServerDb = opening;
  }
  return holder.__loupeServerDb;
}
