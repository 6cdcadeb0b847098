'use client';
/**
 * The pipeline editor: palette, canvas, inspector, live problems, history. Validation is the
 * same lib/pipeline code the server runs, computed here on every change.
 */
import '@xyflow/react/dist/style.css';
import './editor.css';
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow, type Connection, type Edge, type FinalConnectionState } from '@xyflow/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { checkConnection } from '@/lib/editor/check-connection';
import { defaultParams } from '@/lib/editor/default-params';
import { FLOW_NODE_TYPE } from '@/lib/editor/flow-types';
import { newId } from '@/lib/editor/new-id';
import type { Graph } from '@/lib/pipeline/graph';
import { getNodeKind } from '@/lib/pipeline/registry';
import { AnnotationsContext } from './editor-context';
import { FlowNode } from './flow-node';
import { HistoryPanel, type VersionSummary } from './history-panel';
import { Inspector } from './inspector';
import type { ModelOption } from './model-option';
import { KIND_MIME, Palette } from './palette';
import { ProblemsList } from './problems-list';
import { Toolbar } from './toolbar';
import { useEditorActions } from './use-editor-actions';
import { useFlowGraph } from './use-flow-graph';
import { useProblems } from './use-problems';
import { useShortcuts } from './use-shortcuts';
import { usePreview } from './use-preview';
import { PreviewPanel } from './preview-panel';

export interface PipelineEditorProps {
  pipeline: { id: string; name: string };
  graph: Graph;
  versions: VersionSummary[];
  /** The version shown, when it is one; read-only editors show a saved version. */
  versionNumber?: number;
  readOnly?: boolean;
  models: ModelOption[];
}

const nodeTypes = { [FLOW_NODE_TYPE]: FlowNode };

export function PipelineEditor(props: PipelineEditorProps) {
  return (
    <ReactFlowProvider>
      <EditorBody {...props} />
    </ReactFlowProvider>
  );
}

function EditorBody({ pipeline, graph: initial, versions: initialVersions, versionNumber, readOnly = false, models }: PipelineEditorProps) {
  const flow = useFlowGraph(initial);
  const { screenToFlowPosition, fitView } = useReactFlow();
  const [notice, setNotice] = useState<{ text: string; tone: 'info' | 'error' } | null>(null);
  const [versions, setVersions] = useState(initialVersions);
  const canvasRef = useRef<HTMLDivElement>(null);
  const { problems, byNode, byEdge } = useProblems(flow.nodes, flow.edges);
  const notify = useCallback((text: string, tone: 'info' | 'error') => setNotice({ text, tone }), []);
  const preview = usePreview(notify);
  const runPreview = useCallback((image?: File) => void preview.run({ ...flow.graph(), name: pipeline.name }, image), [preview, flow, pipeline.name]);
  const actions = useEditorActions({ pipeline, flow, fitView, setNotice, onSaved: (v) => setVersions((vs) => [...vs, v]), problemsCount: problems.length });

  const addNode = useCallback(
    (kindName: string, position?: { x: number; y: number }) => {
      const kind = getNodeKind(kindName);
      if (!kind || readOnly) return;
      const taken = new Set(flow.nodes.map((n) => n.id));
      const id = newId(kindName.split('.').pop() ?? kindName, taken);
      const rect = canvasRef.current?.getBoundingClientRect();
      const at = position ?? screenToFlowPosition({ x: (rect?.left ?? 0) + (rect?.width ?? 600) / 2, y: (rect?.top ?? 0) + (rect?.height ?? 400) / 2 });
      flow.setNodes((ns) => [
        ...ns.map((n) => ({ ...n, selected: false })),
        { id, type: FLOW_NODE_TYPE, position: at, selected: true, data: { kind: kindName, params: defaultParams(kind) } },
      ]);
      flow.markChanged();
    },
    [flow, readOnly, screenToFlowPosition],
  );

  const verdict = useCallback(
    (c: Connection | Edge) =>
      checkConnection(c, {
        kindOf: (id) => flow.nodes.find((n) => n.id === id)?.data.kind,
        kinds: getNodeKind,
        edges: flow.edges,
      }),
    [flow.nodes, flow.edges],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (!verdict(c).ok) return;
      const id = newId(`${c.source}-${c.target}`, new Set(flow.edges.map((e) => e.id)));
      flow.setEdges((es) => [...es, { id, source: c.source, sourceHandle: c.sourceHandle, target: c.target, targetHandle: c.targetHandle }]);
      flow.markChanged();
    },
    [flow, verdict],
  );

  const onConnectEnd = useCallback(
    (_: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (!state.toHandle || !state.fromHandle || state.isValid) return;
      const fromIsSource = state.fromHandle.type === 'source';
      const [src, dst] = fromIsSource ? [state.fromHandle, state.toHandle] : [state.toHandle, state.fromHandle];
      const v = verdict({ source: src.nodeId, sourceHandle: src.id ?? null, target: dst.nodeId, targetHandle: dst.id ?? null });
      if (!v.ok) setNotice({ text: v.reason, tone: 'error' });
    },
    [verdict],
  );

  useShortcuts(readOnly ? { fit: () => fitView({ padding: 0.2 }), preview: () => runPreview() } : {
    undo: flow.undo,
    redo: flow.redo,
    copy: actions.copy,
    paste: actions.paste,
    save: () => actions.save(),
    layout: actions.layout,
    fit: () => fitView({ padding: 0.2 }),
    preview: () => runPreview(),
  });

  const edges = useMemo(
    () => flow.edges.map((e) => (byEdge.has(e.id) ? { ...e, className: 'edge-problem', label: byEdge.get(e.id)![0].code } : e)),
    [flow.edges, byEdge],
  );
  const selected = flow.nodes.filter((n) => n.selected);
  const annotations = useMemo(() => ({ problems: byNode, diff: new Map(), preview: preview.current?.nodes }), [byNode, preview.current]);

  return (
    <div className={`editor${readOnly ? ' read-only' : ''}`}>
      <Toolbar
        pipeline={pipeline}
        versionNumber={versionNumber}
        readOnly={readOnly}
        canUndo={flow.canUndo}
        canRedo={flow.canRedo}
        actions={actions}
        undo={flow.undo}
        redo={flow.redo}
        fit={() => fitView({ padding: 0.2 })}
        notice={notice}
        preview={preview}
        runPreview={runPreview}
      />
      {!readOnly && <Palette onAdd={(k) => addNode(k)} />}
      <div
        className="canvas"
        ref={canvasRef}
        onDragOver={(e) => {
          if (readOnly) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'move';
        }}
        onDrop={(e) => {
          const kind = e.dataTransfer.getData(KIND_MIME);
          if (!kind) return;
          e.preventDefault();
          addNode(kind, screenToFlowPosition({ x: e.clientX, y: e.clientY }));
        }}
      >
        <AnnotationsContext.Provider value={annotations}>
          <ReactFlow
            nodes={flow.nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            onNodesChange={flow.onNodesChange}
            onEdgesChange={flow.onEdgesChange}
            onConnect={onConnect}
            onConnectEnd={onConnectEnd}
            isValidConnection={(c) => verdict(c).ok}
            onDelete={() => flow.markChanged()}
            onNodeDragStop={() => requestAnimationFrame(flow.record)}
            nodesDraggable={!readOnly}
            nodesConnectable={!readOnly}
            edgesFocusable={!readOnly}
            deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
            multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
            fitView
            fitViewOptions={{ padding: 0.2 }}
            minZoom={0.1}
           
          >
            <Background gap={20} />
            <Controls showInteractive={false} />
            <MiniMap pannable zoomable />
          </ReactFlow>
        </AnnotationsContext.Provider>
      </div>
      <aside className="side">
        <PreviewPanel preview={preview} nodeId={selected.length === 1 ? selected[0].id : undefined} />
        <Inspector
          node={selected.length === 1 ? selected[0] : undefined}
          selectedCount={selected.length}
          problems={selected.length === 1 ? (byNode.get(selected[0].id) ?? []) : []}
          models={models}
          readOnly={readOnly}
          onParams={(id, params) => {
            flow.setNodes((ns) => ns.map((n) => (n.id === id ? { ...n, data: { ...n.data, params } } : n)));
            flow.markChanged();
          }}
          onLabel={(id, label) => {
            flow.setNodes((ns) => ns.map((n) => (n.id === id ? { ...n, data: { ...n.data, label: label || undefined } } : n)));
            flow.markChanged();
          }}
        />
        <HistoryPanel pipelineId={pipeline.id} versions={versions} current={versionNumber} />
      </aside>
      <ProblemsList
        problems={problems}
        onPick={(nodeId) => {
          flow.setNodes((ns) => ns.map((n) => ({ ...n, selected: n.id === nodeId })));
          fitView({ nodes: [{ id: nodeId }], padding: 0.8, duration: 200 });
        }}
      />
    </div>
  );
}
