/**
 * The model's top-level nodes in graph order, for the per-layer view. A node is known by its name
 * and, since exporters leave names empty, by its first output too (the search may use either).
 */
import { readFileSync } from 'node:fs';
import { readModel } from '@/lib/precision/onnx/read-model';
import type { LayerRow } from './search-layers';

export interface GraphNodeRow {
  name: string;
  opType: string;
  layer: LayerRow | null;
}

export function graphNodesWithLayers(modelFile: string, layers: LayerRow[]): GraphNodeRow[] {
  const byName = new Map(layers.map((l) => [l.node, l]));
  const nodes = readModel(new Uint8Array(readFileSync(modelFile))).graph?.node ?? [];
  return nodes.map((n, i) => {
    const name = n.name || n.output?.[0] || `#${i}`;
    return { name, opType: n.opType ?? '', layer: byName.get(name) ?? byName.get(n.output?.[0] ?? '') ?? null };
  });
}
