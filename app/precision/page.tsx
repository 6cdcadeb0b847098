import '@/components/precision-lab/lab.css';
import Link from 'next/link';
import { ModelUploadForm } from '@/components/precision-lab/model-upload-form';
import { formatBytes } from '@/components/precision-lab/format';
import { labPaths } from '@/lib/precision-lab/lab-paths';
import { listLabModels } from '@/lib/precision-lab/list-models';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Precision Lab' };

export default function PrecisionPage() {
  const models = listLabModels(labPaths());
  return (
    <main className="page">
      <div className="page-head">
        <h1>Precision Lab</h1>
        <span className="sub">Make FP16, INT8 and mixed-precision variants of a model and measure them on your own images.</span>
      </div>
      <section className="lab-section">
        <h2>Upload a model</h2>
        <div className="body">
          <ModelUploadForm />
        </div>
      </section>
      <table className="lab-models">
        <thead>
          <tr><th>Model</th><th>Path</th><th>Size</th><th>Variants</th></tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.id} data-model={m.path}>
              <td><Link href={`/precision/${m.id}`}>{m.name}</Link></td>
              <td className="mono">{m.path}</td>
              <td className="num">{formatBytes(m.bytes)}</td>
              <td>{m.variants.map((v) => v.precision).join(', ') || '—'}</td>
            </tr>
          ))}
          {!models.length && <tr><td colSpan={4}>No models yet: upload an .onnx file above, or put one under models/.</td></tr>}
        </tbody>
      </table>
    </main>
  );
}
