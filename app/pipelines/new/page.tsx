import '@/components/editor/editor.css';
import { NewPipelineForm } from '../new-pipeline-form';

export default function NewPipelinePage() {
  return (
    <main className="pipelines-page">
      <h1>New pipeline</h1>
      <NewPipelineForm />
    </main>
  );
}
