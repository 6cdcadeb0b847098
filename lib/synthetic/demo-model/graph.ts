/**
 * Writes the demo anomaly model as an ONNX graph:
 *   image → (pyramid level) → reflect pad → Conv(filter bank) → square → AveragePool to the map grid
 *   → energy E [N,K,h,w]
 *   → relative energy R = E / (mean over the image of E + eps)   (adapts to each part's texture)
 *   → z = (R − 1) · gain                                           (fitted per filter)
 *   → anomaly_map = max over filters, score = max over the map.
 * The feature-only variant (per-part mean and max of E) is what the fitting script runs on good parts.
 */
import { OnnxGraphBuilder } from '@/lib/precision/onnx/builder';
import { makeKernel } from './filters';
import { filterCount, type ModelDesign } from './design';

export interface FittedParams {
  eps: number[];
  gain: number[];
}

function addEnergy(b: OnnxGraphBuilder, design: ModelDesign, image: string): string {
  const parts: string[] = [];
  design.levels.forEach((level, li) => {
    const d = level.downsample;
    const input = d === 1 ? image : b.op('AveragePool', [image], { kernel_shape: [d, d], strides: [d, d] });
    // One Conv per level: smaller kernels sit centred in the largest (all sizes are odd).
    const size = Math.max(...level.filters.map((f) => f.size));
    const half = (size - 1) / 2;
    // Reflect padding: zero padding would make every part's border look like a defect.
    const pads = b.initializer(`pads_${li}`, [8], [0, 0, half, half, 0, 0, half, half], 'int64');
    const padded = b.op('Pad', [input, pads], { mode: 'reflect' });
    const weights = new Float32Array(level.filters.length * size * size);
    level.filters.forEach((spec, k) => {
      const kernel = makeKernel(spec);
      const off = (size - kernel.size) / 2;
      for (let y = 0; y < kernel.size; y++) {
        weights.set(kernel.weights.subarray(y * kernel.size, (y + 1) * kernel.size), k * size * size + (y + off) * size + off);
      }
    });
    const w = b.initializer(`bank_${li}`, [level.filters.length, 1, size, size], weights);
    const raw = b.op('Conv', [padded, w], { kernel_shape: [size, size] });
    const response = design.energy === 'abs' ? b.op('Abs', [raw]) : b.op('Mul', [raw, raw]);
    const pool = design.cell / d;
    parts.push(pool === 1 ? response : b.op('AveragePool', [response], { kernel_shape: [pool, pool], strides: [pool, pool] }));
  });
  return b.op('Concat', parts, { axis: 1 });
}

export function buildFeatureModel(design: ModelDesign): OnnxGraphBuilder {
  const b = new OnnxGraphBuilder({ name: 'surface-anomaly-features' });
  const image = b.input('image', ['batch', 1, design.size, design.size]);
  const energy = addEnergy(b, design, image);
  b.op('ReduceMean', [energy], { axes: [2, 3], keepdims: 0 }, 'energy_mean');
  b.op('ReduceMax', [energy], { axes: [2, 3], keepdims: 0 }, 'energy_max');
  b.output('energy_mean', ['batch', filterCount(design)]);
  b.output('energy_max', ['batch', filterCount(design)]);
  return b;
}

export function buildAnomalyModel(design: ModelDesign, fitted: FittedParams, docString: string): OnnxGraphBuilder {
  const k = filterCount(design);
  if (fitted.eps.length !== k || fitted.gain.length !== k) throw new Error(`expected ${k} fitted values per parameter`);
  const b = new OnnxGraphBuilder({ name: 'surface-anomaly', docString });
  const image = b.input('image', ['batch', 1, design.size, design.size]);
  const energy = addEnergy(b, design, image);
  const mean = b.op('ReduceMean', [energy], { axes: [2, 3], keepdims: 1 });
  const eps = b.initializer('eps', [1, k, 1, 1], fitted.eps);
  const relative = b.op('Div', [energy, b.op('Add', [mean, eps])]);
  const gain = b.initializer('gain', [1, k, 1, 1], fitted.gain);
  const offset = b.initializer('offset', [1, k, 1, 1], fitted.gain.map((g) => -g));
  const z = b.op('Add', [b.op('Mul', [relative, gain]), offset]);
  const map = b.op('ReduceMax', [z], { axes: [1], keepdims: 1 }, 'anomaly_map');
  b.op('ReduceMax', [map], { axes: [2, 3], keepdims: 0 }, 'score');
  const grid = design.size / design.cell;
  b.output('anomaly_map', ['batch', 1, grid, grid]);
  b.output('score', ['batch', 1]);
  return b;
}
