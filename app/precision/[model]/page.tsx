import '@/components/precision-lab/lab.css';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ModelFactsView } from '@/components/precision-lab/model-facts-view';
import { LabWorkbench } from '@/components/precision-lab/lab-workbench';
import { LayerErrors } from '@/components/precision-lab/layer-errors';
import { VariantsReport } from '@/components/precision-lab/variants-report';
import { serverDb } from '@/lib/db/server-db';
import { ProblemError } from '@/lib/pipeline/problems';
import { readLabReport } from '@/lib/precision-lab/eval-report-file';
import { graphNodesWithLayers } from '@/lib/precision-lab/graph-nodes';
import { labPaths } from '@/lib/precision-lab/lab-paths';
import { labRunner } from '@/lib/precision-lab/lab-server';
import { findLabModel } from '@/lib/precision-lab/list-models';
import { modelFacts } from '@/lib/precision-lab/model-facts';
import { searchLayers } from '@/lib/precision-lab/search-layers';

export const dynamic = 'force-dynamic';

export default async function ModelLabPage({ params }: { params: Promise<{ model: string }> }) {
  const p = labPaths();
  const model = findLabModel(p, (await params).model);
  if (!model) notFound();
  await labRunner();
  const jobs = await (await serverDb()).precisionJobs.list({ modelPath: model.path, limit: 30 });
  const facts = (() => {
    try {
      return modelFacts(model);
    } catch (err) {
      return { error: err instanceof ProblemError ? err.message : String(err) };
    }
  })();
  const search = jobs.find((j) => j.kind === 'search' && j.status === 'done');
  const layers = search ? searchLayers(search.result) : [];
  const nodes = layers.length && !('error' in facts) ? graphNodesWithLayers(model.absolute, layers) : [];
  const { absolute: _a, ...view } = model;
  return (
    <main className="page">
      <div className="page-head">
        <h1>{model.name}</h1>
        <span className="sub mono">{model.path}</span>
        <span className="spacer" />
        <Link href="/precision">All models</Link>
      </div>
      <ModelFactsView model={view} facts={facts} />
      <LabWorkbench model={view} spec={'error' in facts ? null : facts.spec} specSource={'error' in facts ? '' : facts.specSource} initialJobs={jobs} />
      <VariantsReport report={readLabReport(p, model)} />
      <LayerErrors nodes={nodes} searchedAt={search?.finishedAt ?? null} />
    </main>
  );
}
