/**
 * The per-layer view of a mixed-precision search: for each node the search decided, its
 * sensitivity (relative L2 error of the model's outputs when it alone is quantized), the
 * precision it got and why — read from `loupe precision search --json`'s `report.nodes`.
 */
import type { SearchReport } from '@/lib/precision/search/search-report';

export interface LayerRow {
  node: string;
  opType?: string;
  precision?: string;
  sensitivity?: number;
  reason?: string;
}

/** Rows of a search command's JSON line (`{ok, out, report}`); none when it is not one. */
export function searchLayers(result: unknown): LayerRow[] {
  const nodes = (result as { report?: Partial<SearchReport> } | null)?.report?.nodes;
  if (!Array.isArray(nodes)) return [];
  return nodes
    .filter((n) => typeof n?.id === 'string')
    .map((n) => ({
      node: n.id,
      opType: n.opType,
      precision: n.precision,
      sensitivity: Number.isFinite(n.sensitivity?.relativeL2) ? n.sensitivity.relativeL2 : undefined,
      reason: n.reason,
    }));
}
