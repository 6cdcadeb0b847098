/**
 * Turns one node's port values into what the browser shows: frames and anomaly maps as PNG data
 * URLs (frames scaled down to at most 512 px: a preview is for looking, not measuring),
 * detections drawn over the frame the model saw, verdicts and classes as data.
 */
import { applyOps } from '../pipeline/preprocess/apply-ops';
import { renderOverlay } from '../pipeline/overlay/render-overlay';
import type { PortSpec } from '../pipeline/ports';
import type { ImageCodec } from '../pipeline/runtime/services';
import type { AnomalyMap, Classification, Detections, Frame, Tensor, Verdict } from '../pipeline/values';
import { heatMapFrame } from './heat-map';
import type { PortPreview } from './preview-types';

const MAX_SIDE = 512;

export async function encodePorts(
  values: Record<string, unknown>,
  ports: Record<string, PortSpec>,
  /** The frame that entered this node (model nodes), for drawing boxes and heat on. */
  input: Frame | undefined,
  codec: ImageCodec,
): Promise<PortPreview[]> {
  const png = async (f: Frame) => `data:image/png;base64,${Buffer.from(await codec.encodePng(shrink(f))).toString('base64')}`;
  const out: PortPreview[] = [];
  for (const [port, spec] of Object.entries(ports)) {
    const value = values[port];
    if (value === undefined) continue;
    switch (spec.type) {
      case 'Frame': {
        const f = value as Frame;
        out.push({ port, type: 'Frame', image: await png(f), width: f.width, height: f.height, channels: f.channels });
        break;
      }
      case 'AnomalyMap': {
        const map = value as AnomalyMap;
        const heat = heatMapFrame(map);
        const overlay = input ? await png(renderOverlay(input, { anomaly: map })) : undefined;
        out.push({ port, type: 'AnomalyMap', image: await png(heat.frame), overlay, width: map.width, height: map.height, score: map.score, min: heat.min, max: heat.max });
        break;
      }
      case 'Detections': {
        const list = value as Detections;
        const image = input ? await png(renderOverlay(input, { detections: list })) : undefined;
        out.push({ port, type: 'Detections', image, detections: list.map((d) => ({ box: d.box, label: d.label, score: d.score })) });
        break;
      }
      case 'Classification': {
        const c = value as Classification;
        out.push({ port, type: 'Classification', label: c.label, score: c.score });
        break;
      }
      case 'Verdict': {
        const v = value as Verdict;
        out.push({ port, type: 'Verdict', pass: v.pass, reasons: v.reasons ?? [], defects: v.defects ?? [] });
        break;
      }
      case 'Tensor':
        out.push({ port, type: 'Tensor', dims: (value as Tensor).dims });
        break;
      default:
        out.push({ port, type: 'Other', text: spec.type });
    }
  }
  return out;
}

/** Scales a frame so its longer side is at most MAX_SIDE (bilinear), keeping the aspect ratio. */
function shrink(frame: Frame): Frame {
  const side = Math.max(frame.width, frame.height);
  if (side <= MAX_SIDE) return frame;
  const k = MAX_SIDE / side;
  const out = applyOps(frame, [{ op: 'resize', width: Math.max(1, Math.round(frame.width * k)), height: Math.max(1, Math.round(frame.height * k)), filter: 'bilinear' }]);
  return 'error' in out ? frame : out;
}
