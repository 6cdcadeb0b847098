/**
 * The per-layer view of a mixed-precision search: for each node, in graph order, its measured
 * sensitivity (output error when it alone is quantized) and the precision the search gave it.
 * The search command's JSON is read tolerantly — the first array of per-node objects found, with
 * the usual field names — so the lab keeps working while that command's output settles.
 */
export interface LayerRow {
  node: string;
  opType?: string;
  precision?: string;
  sensitivity?: number;
  reason?: string;
}

const NAME_KEYS = ['node', 'name', 'nodeName'];
const SENSITIVITY_KEYS = ['sensitivity', 'error', 'outputError', 'delta', 'loss'];

export function searchLayers(result: unknown, depth = 0): LayerRow[] {
  if (depth > 5 || !result || typeof result !== 'object') return [];
  if (Array.isArray(result)) {
    const rows = result.map(toRow);
    if (rows.length && rows.every((r) => r !== null)) return rows as LayerRow[];
    return [];
  }
  for (const value of Object.values(result)) {
    const rows = searchLayers(value, depth + 1);
    if (rows.length) return rows;
  }
  return [];
}

function toRow(item: unknown): LayerRow | null {
  if (!item || typeof item !== 'object') return null;
  const o = item as Record<string, unknown>;
  const node = NAME_KEYS.map((k) => o[k]).find((v) => typeof v === 'string');
  if (typeof node !== 'string') return null;
  const sensitivity = SENSITIVITY_KEYS.map((k) => o[k]).find((v) => typeof v === 'number' && Number.isFinite(v));
  const precision = typeof o.precision === 'string' ? o.precision : typeof o.chosen === 'string' ? o.chosen : undefined;
  if (sensitivity === undefined && precision === undefined) return null;
  return {
    node,
    opType: typeof o.opType === 'string' ? o.opType : typeof o.op === 'string' ? o.op : undefined,
    precision,
    sensitivity: sensitivity as number | undefined,
    reason: typeof o.reason === 'string' ? o.reason : typeof o.why === 'string' ? o.why : undefined,
  };
}
