import { LinesDashboard } from '@/components/lines/lines-dashboard';
import '@/components/lines/lines.css';
import { serverDb } from '@/lib/db/server-db';
import { listLineSummaries } from '@/lib/lines/list-line-summaries';

// Live data: never prerendered at build time.
export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const initial = await listLineSummaries(await serverDb());
  return (
    <main className="page">
      <LinesDashboard initial={initial} />
    </main>
  );
}
