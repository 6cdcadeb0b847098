import type { TensorInfo } from '../plan';

/** The output with that name; or, without a name, the first one that fits `want`. */
export function findOutput(outputs: readonly TensorInfo[], name: string | undefined, want: (t: TensorInfo) => boolean = () => true): TensorInfo | string {
  if (name !== undefined) {
    return outputs.find((o) => o.name === name) ?? `has no output "${name}" (outputs: ${outputs.map((o) => o.name).join(', ')})`;
  }
  return outputs.find(want) ?? `has no suitable output among ${outputs.map((o) => `${o.name} [${o.shape.join(', ')}]`).join(', ') || 'none'}`;
}

/** A dimension fixed in the file, or undefined when symbolic / unknown. */
export function dim(t: TensorInfo, i: number): number | undefined {
  const d = t.shape[i];
  return typeof d === 'number' && d > 0 ? d : undefined;
}
