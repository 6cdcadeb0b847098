import type { PortType } from '@/lib/pipeline/ports';

/**
 * One colour and one handle shape per data type, so a wrong wire is visible before it is refused.
 * Colours are distinguishable for the common colour-vision deficiencies (Okabe–Ito palette).
 */
export const PORT_STYLE: Record<PortType, { color: string; shape: 'circle' | 'square' | 'diamond' }> = {
  Trigger: { color: '#999999', shape: 'diamond' },
  Frame: { color: '#0072B2', shape: 'circle' },
  Tensor: { color: '#56B4E9', shape: 'square' },
  Classification: { color: '#009E73', shape: 'circle' },
  Detections: { color: '#E69F00', shape: 'square' },
  AnomalyMap: { color: '#D55E00', shape: 'circle' },
  Verdict: { color: '#CC79A7', shape: 'diamond' },
};
