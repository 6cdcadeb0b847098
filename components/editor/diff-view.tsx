'use client';
/**
 * Two versions on one canvas: version b with what a had and b lost; added nodes and edges in
 * green, removed in red, changed parameters in amber, with the list of every change beside it.
 */
import '@xyflow/react/dist/style.css';
import './editor.css';
import { Background, Controls, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import Link from 'next/link';
import { useMemo } from 'react';
import { FLOW_NODE_TYPE } from '@/lib/editor/flow-types';
import { diffGraphs, diffStatusMaps, edgeKey, isSubstantive, mergedGraph } from '@/lib/editor/graph-diff';
import { graphToFlow } from '@/lib/editor/graph-to-flow';
import type { Graph } from '@/lib/pipeline/graph';
import { AnnotationsContext } from './editor-context';
import { FlowNode } from './flow-node';

const nodeTypes = { [FLOW_NODE_TYPE]: FlowNode };
const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

export function DiffView({ pipeline, a, b }: { pipeline: { id: string; name: string }; a: { number: number; graph: Graph }; b: { number: number; graph: Graph } }) {
  const { diff, flow, annotations } = useMemo(() => {
    const diff = diffGraphs(a.graph, b.graph);
    const maps = diffStatusMaps(diff);
    const merged = mergedGraph(a.graph, b.graph, diff);
    const flow = graphToFlow(merged);
    const edges = flow.edges.map((e, i) => {
      const status = maps.edges.get(edgeKey(merged.edges[i]));
      return status ? { ...e, className: `diff-${status}` } : e;
    });
    return { diff, flow: { nodes: flow.nodes, edges }, annotations: { problems: new Map(), diff: maps.nodes } };
  }, [a.graph, b.graph]);
  const changed = diff.changedNodes.filter(isSubstantive);
  const nothing = !diff.addedNodes.length && !diff.removedNodes.length && !changed.length && !diff.addedEdges.length && !diff.removedEdges.length;
  return (
    <div className="compare">
      <header>
        <Link href={`/pipelines/${pipeline.id}`}>{pipeline.name}</Link>: comparing{' '}
        <Link href={`/pipelines/${pipeline.id}/versions/${a.number}`}>v{a.number}</Link> →{' '}
        <Link href={`/pipelines/${pipeline.id}/versions/${b.number}`}>v{b.number}</Link>
      </header>
      <ReactFlowProvider>
        <AnnotationsContext.Provider value={annotations}>
          <div className="compare-canvas">
            <ReactFlow nodes={flow.nodes} edges={flow.edges} nodeTypes={nodeTypes} nodesDraggable={false} nodesConnectable={false} fitView>
              <Background gap={20} />
              <Controls showInteractive={false} />
            </ReactFlow>
          </div>
        </AnnotationsContext.Provider>
      </ReactFlowProvider>
      <section className="changes" aria-label="Changes">
        <h2>Changes</h2>
        {nothing && <p>No changes to nodes, parameters or wiring{diff.changedNodes.length ? ' (only positions moved)' : ''}.</p>}
        <ul>
          {diff.addedNodes.map((n) => <li key={`a${n.id}`} className="added">+ node <b>{n.id}</b> ({n.kind})</li>)}
          {diff.removedNodes.map((n) => <li key={`r${n.id}`} className="removed">− node <b>{n.id}</b> ({n.kind})</li>)}
          {changed.map((c) => (
            <li key={`c${c.id}`} className="changed">
              ~ node <b>{c.id}</b>
              {c.kindChanged && <> kind {c.before.kind} → {c.after.kind}</>}
              {c.labelChanged && <> label “{c.before.label ?? ''}” → “{c.after.label ?? ''}”</>}
              <ul>{c.params.map((p) => <li key={p.key}><code>{p.key}</code>: {show(p.before)} → {show(p.after)}</li>)}</ul>
            </li>
          ))}
          {diff.addedEdges.map((e) => <li key={`ae${edgeKey(e)}`} className="added">+ edge {e.from.node}.{e.from.port} → {e.to.node}.{e.to.port}</li>)}
          {diff.removedEdges.map((e) => <li key={`re${edgeKey(e)}`} className="removed">− edge {e.from.node}.{e.from.port} → {e.to.node}.{e.to.port}</li>)}
        </ul>
      </section>
    </div>
  );
}
