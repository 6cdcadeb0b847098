'use client';
/**
 * Live validation: the same validateGraph the server runs. Positions do not change what is valid,
 * so validation reruns only when kinds, params or wiring change, not on every drag frame.
 */
import { useMemo } from 'react';
import type { PipelineFlowEdge, PipelineFlowNode } from '@/lib/editor/flow-types';
import { flowToGraph } from '@/lib/editor/graph-to-flow';
import { safeValidate } from '@/lib/editor/safe-validate';
import type { Problem } from '@/lib/pipeline/problems';

export function useProblems(nodes: PipelineFlowNode[], edges: PipelineFlowEdge[]) {
  const key = JSON.stringify([
    nodes.map((n) => [n.id, n.data.kind, n.data.params]),
    edges.map((e) => [e.id, e.source, e.sourceHandle, e.target, e.targetHandle]),
  ]);
  return useMemo(() => {
    const problems = safeValidate(flowToGraph(nodes, edges));
    const byNode = new Map<string, Problem[]>();
    const byEdge = new Map<string, Problem[]>();
    for (const p of problems) {
      if (p.nodeId) byNode.set(p.nodeId, [...(byNode.get(p.nodeId) ?? []), p]);
      if (p.edgeId) byEdge.set(p.edgeId, [...(byEdge.get(p.edgeId) ?? []), p]);
    }
    return { problems, byNode, byEdge };
  }, [key]);
}

