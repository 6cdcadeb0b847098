/**
 * Graph ↔ React Flow conversion. A port is a React Flow handle whose id is the port name, so an
 * edge's sourceHandle/targetHandle are exactly the graph's from.port/to.port.
 */
import { GRAPH_VERSION, type Graph } from '@/lib/pipeline/graph';
import { FLOW_NODE_TYPE, type PipelineFlowEdge, type PipelineFlowNode } from './flow-types';

export function graphToFlow(graph: Graph): { nodes: PipelineFlowNode[]; edges: PipelineFlowEdge[] } {
  return {
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      type: FLOW_NODE_TYPE,
      position: { ...n.position },
      data: { kind: n.kind, params: { ...n.params }, ...(n.label !== undefined ? { label: n.label } : {}) },
    })),
    edges: graph.edges.map((e) => ({
      id: e.id,
      source: e.from.node,
      sourceHandle: e.from.port,
      target: e.to.node,
      targetHandle: e.to.port,
    })),
  };
}

export function flowToGraph(nodes: PipelineFlowNode[], edges: PipelineFlowEdge[], name?: string): Graph {
  return {
    version: GRAPH_VERSION,
    ...(name ? { name } : {}),
    nodes: nodes.map((n) => ({
      id: n.id,
      kind: n.data.kind,
      params: n.data.params,
      // Whole pixels keep saved files stable and diffs free of sub-pixel noise.
      position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
      ...(n.data.label !== undefined ? { label: n.data.label } : {}),
    })),
    edges: edges.map((e) => ({
      id: e.id,
      from: { node: e.source, port: e.sourceHandle ?? '' },
      to: { node: e.target, port: e.targetHandle ?? '' },
    })),
  };
}
