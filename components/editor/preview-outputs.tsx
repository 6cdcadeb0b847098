'use client';
/** What one node gave in a preview, as pictures and words: thumbnail on the node, large in the panel. */
import type { NodePreview, PortPreview } from '@/lib/preview/preview-types';

/** The picture that best says what a node did: the heat map, the boxes, else the frame. */
export function thumbnailOf(node: NodePreview): { src: string; alt: string; kind: string } | undefined {
  const rank = ['AnomalyMap', 'Detections', 'Frame'];
  const withImage = node.outputs.filter((o): o is Extract<PortPreview, { image?: string }> & { image: string } => 'image' in o && typeof o.image === 'string');
  const best = withImage.sort((a, b) => rank.indexOf(a.type) - rank.indexOf(b.type))[0];
  return best && { src: best.image, alt: `${best.port}: ${best.type}`, kind: best.type };
}

export function timeText(node: NodePreview): string {
  if (node.skipped === 'sink') return 'not run in preview';
  if (node.skipped === 'trigger') return 'fires at once';
  if (node.fusedInto) return `fused into ${node.fusedInto}`;
  return node.ms === undefined ? '' : `${node.ms < 10 ? node.ms.toFixed(2) : node.ms.toFixed(1)} ms`;
}

export function PortOutput({ output }: { output: PortPreview }) {
  switch (output.type) {
    case 'Frame':
      return (
        <figure>
          <img src={output.image} alt={`${output.port} frame`} />
          <figcaption>{output.port}: {output.width}×{output.height}, {output.channels === 1 ? 'gray' : 'RGB'}</figcaption>
        </figure>
      );
    case 'AnomalyMap':
      return (
        <figure>
          <img className="heat-map" src={output.image} alt={`${output.port} anomaly heat map`} data-testid="preview-heat-map" />
          {output.overlay && <img src={output.overlay} alt={`${output.port} heat on the frame`} />}
          <figcaption>score {output.score.toFixed(4)} · map {output.width}×{output.height}, range {output.min.toFixed(3)} – {output.max.toFixed(3)}</figcaption>
        </figure>
      );
    case 'Detections':
      return (
        <figure>
          {output.image && <img src={output.image} alt={`${output.port} boxes`} />}
          <figcaption>{output.detections.length} detection(s){output.detections.slice(0, 8).map((d, i) => <span key={i}><br />{d.label} {d.score.toFixed(2)} at [{d.box.map((v) => Math.round(v)).join(', ')}]</span>)}</figcaption>
        </figure>
      );
    case 'Verdict':
      return (
        <p className={`verdict verdict-${output.pass ? 'pass' : 'fail'}`}>
          <b>{output.pass ? 'PASS' : 'FAIL'}</b>
          {output.reasons.map((r, i) => <span key={i}><br />{r}</span>)}
        </p>
      );
    case 'Classification':
      return <p>{output.port}: <b>{output.label}</b> ({output.score.toFixed(3)})</p>;
    case 'Tensor':
      return <p>{output.port}: tensor [{output.dims.join(', ')}]</p>;
    default:
      return <p>{output.port}: {output.text}</p>;
  }
}
