'use client';
/**
 * The editor's state: React Flow's nodes and edges (the source of truth while editing, so drags
 * stay cheap) plus snapshot undo of the graph they describe. Every action that changes what the
 * pipeline is calls `markChanged`; the snapshot is taken once React has applied the change.
 */
import { useEdgesState, useNodesState } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PipelineFlowEdge, PipelineFlowNode } from '@/lib/editor/flow-types';
import { flowToGraph, graphToFlow } from '@/lib/editor/graph-to-flow';
import { UndoStack } from '@/lib/editor/undo-stack';
import type { Graph } from '@/lib/pipeline/graph';
import { stableStringify } from '@/lib/pipeline/stable-json';

const sameGraph = (a: Graph, b: Graph) => stableStringify(a) === stableStringify(b);

export function useFlowGraph(initial: Graph) {
  const start = useMemo(() => graphToFlow(initial), [initial]);
  const [nodes, setNodes, onNodesChange] = useNodesState<PipelineFlowNode>(start.nodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState<PipelineFlowEdge>(start.edges);
  const undo = useRef(new UndoStack<Graph>(initial));
  const pending = useRef(false);
  const [history, setHistory] = useState({ canUndo: false, canRedo: false });
  const latest = useRef({ nodes, edges });
  latest.current = { nodes, edges };

  const sync = () => setHistory({ canUndo: undo.current.canUndo, canRedo: undo.current.canRedo });
  const record = useCallback(() => {
    undo.current.push(flowToGraph(latest.current.nodes, latest.current.edges), sameGraph);
    sync();
  }, []);

  useEffect(() => {
    if (!pending.current) return;
    pending.current = false;
    record();
  }, [nodes, edges, record]);

  const markChanged = useCallback(() => {
    pending.current = true;
  }, []);

  /** Replace the whole canvas (undo, import, layout, paste), keeping measured sizes to avoid a flash. */
  const showGraph = useCallback(
    (graph: Graph, selectIds?: ReadonlySet<string>) => {
      const flow = graphToFlow(graph);
      const old = new Map(latest.current.nodes.map((n) => [n.id, n]));
      setNodes(flow.nodes.map((n) => ({ ...n, measured: old.get(n.id)?.measured, selected: selectIds ? selectIds.has(n.id) : old.get(n.id)?.selected })));
      setEdges(flow.edges);
    },
    [setNodes, setEdges],
  );

  const replaceGraph = useCallback(
    (graph: Graph, selectIds?: ReadonlySet<string>) => {
      showGraph(graph, selectIds);
      pending.current = true;
    },
    [showGraph],
  );

  const step = useCallback(
    (dir: 'undo' | 'redo') => {
      const g = dir === 'undo' ? undo.current.undo() : undo.current.redo();
      if (g) showGraph(g);
      sync();
    },
    [showGraph],
  );

  const graph = useCallback(() => flowToGraph(latest.current.nodes, latest.current.edges), []);

  return { nodes, edges, setNodes, setEdges, onNodesChange, onEdgesChange, markChanged, record, replaceGraph, graph, undo: () => step('undo'), redo: () => step('redo'), ...history };
}
