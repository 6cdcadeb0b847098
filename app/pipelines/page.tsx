import '@/components/editor/editor.css';
import Link from 'next/link';
import { serverDb } from '@/lib/db/server-db';
import { NewPipelineForm } from './new-pipeline-form';

export const dynamic = 'force-dynamic';

export default async function PipelinesPage() {
  const pipelines = await (await serverDb()).pipelines.list();
  return (
    <main className="pipelines-page">
      <h1>Pipelines</h1>
      <NewPipelineForm />
      <table>
        <thead>
          <tr><th>Name</th><th>Latest version</th><th>Created</th></tr>
        </thead>
        <tbody>
          {pipelines.map((p) => (
            <tr key={p.id}>
              <td><Link href={`/pipelines/${p.id}`}>{p.name}</Link></td>
              <td>{p.latestVersion ? <Link href={`/pipelines/${p.id}/versions/${p.latestVersion}`}>v{p.latestVersion}</Link> : 'not saved yet'}</td>
              <td>{p.createdAt.toLocaleString()}</td>
            </tr>
          ))}
          {!pipelines.length && <tr><td colSpan={3}>No pipelines yet: create one above.</td></tr>}
        </tbody>
      </table>
    </main>
  );
}
