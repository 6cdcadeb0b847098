import { PipelineEditor } from '@/components/editor/pipeline-editor';
import { loadEditorData } from '../../../load-version';

export const dynamic = 'force-dynamic';

export default async function VersionPage({ params }: { params: Promise<{ id: string; n: string }> }) {
  const { id, n } = await params;
  const { pipeline, versions, version, models } = await loadEditorData(id, Number(n));
  return <PipelineEditor pipeline={pipeline} graph={version!.graph} versions={versions} versionNumber={version!.number} models={models} readOnly />;
}
