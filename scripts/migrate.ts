/**
 * `npm run db:migrate [-- --url <url>]`: applies pending migrations to DATABASE_URL (default
 * file:./data/loupe.db), offline, on SQLite or PostgreSQL.
 */
import { Command } from 'commander';
import { redact } from '@/lib/db/database-url';
import { migrate } from '@/lib/db/migrate';
import { ProblemError } from '@/lib/pipeline/problems';

const program = new Command('db:migrate')
  .description('Apply pending SQL migrations (prisma/migrations/<provider>/) to the database')
  .option('--url <url>', 'database URL (default: $DATABASE_URL or file:./data/loupe.db)')
  .action(async ({ url }: { url?: string }) => {
    const result = await migrate(url);
    const where = redact(url ?? process.env.DATABASE_URL ?? 'file:./data/loupe.db');
    console.log(result.applied.length ? `Applied ${result.applied.join(', ')} to ${where}` : `${where} is up to date (${result.alreadyApplied.length} migrations)`);
  });

program.parseAsync().catch((error) => {
  if (error instanceof ProblemError) console.error(JSON.stringify({ problems: error.problems }));
  else console.error(error);
  process.exit(1);
});
