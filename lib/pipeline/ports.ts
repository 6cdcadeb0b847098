/** Data types that flow along edges. An edge may only join ports of the same type. */
export const PORT_TYPES = ['Trigger', 'Frame', 'Tensor', 'Classification', 'Detections', 'AnomalyMap', 'Verdict'] as const;
export type PortType = (typeof PORT_TYPES)[number];

export interface PortSpec {
  type: PortType;
  /** Inputs only: an unconnected optional input is not a problem. */
  optional?: boolean;
  label?: string;
}

export type PortMap = Record<string, PortSpec>;
