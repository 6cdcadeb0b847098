/**
 * The shapes the editor hands to React Flow. Kept apart from the graph contract so that the
 * canvas can carry UI-only state (selection, highlight) without it leaking into saved files.
 */
import type { Edge, Node } from '@xyflow/react';

export interface PipelineNodeData extends Record<string, unknown> {
  kind: string;
  /** Raw, possibly invalid params exactly as the user left them: saved as they are. */
  params: Record<string, unknown>;
  label?: string;
}

export type PipelineFlowNode = Node<PipelineNodeData, 'pipeline'>;
export type PipelineFlowEdge = Edge;

export const FLOW_NODE_TYPE = 'pipeline' as const;
