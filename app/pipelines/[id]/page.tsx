import { PipelineEditor } from '@/components/editor/pipeline-editor';
import { GRAPH_VERSION } from '@/lib/pipeline/graph';
import { loadEditorData } from '../load-version';

export const dynamic = 'force-dynamic';

export default async function EditPipelinePage({ params }: { params: Promise<{ id: string }> }) {
  const { pipeline, versions, version, models } = await loadEditorData((await params).id);
  return (
    <PipelineEditor
      pipeline={pipeline}
      graph={version?.graph ?? { version: GRAPH_VERSION, name: pipeline.name, nodes: [], edges: [] }}
      versions={versions}
      versionNumber={version?.number}
      models={models}
    />
  );
}
