'use client';
/**
 * The toolbar's verbs: save a version, export and import the file, copy/paste, auto-layout.
 * Each reports what happened through the notice line, never by throwing.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { autoLayout } from '@/lib/editor/auto-layout';
import { clipText, copySelection, parseClip, pasteClip } from '@/lib/editor/clipboard';
import { importGraph } from '@/lib/editor/import-graph';
import { formatGraph } from '@/lib/pipeline/format-graph';
import type { Graph } from '@/lib/pipeline/graph';
import type { Problem } from '@/lib/pipeline/problems';
import { getNodeKind } from '@/lib/pipeline/registry';
import type { VersionSummary } from './history-panel';
import type { useFlowGraph } from './use-flow-graph';

type Notice = { text: string; tone: 'info' | 'error' } | null;

interface Deps {
  pipeline: { id: string; name: string };
  flow: ReturnType<typeof useFlowGraph>;
  fitView(options?: { padding?: number }): unknown;
  setNotice(n: Notice): void;
  onSaved(v: VersionSummary): void;
  problemsCount: number;
}

const CLIP_KEY = 'loupe.clipboard';
const describe = (ps: Problem[]) => ps.map((p) => p.message).join('; ');

export function useEditorActions({ pipeline, flow, fitView, setNotice, onSaved, problemsCount }: Deps) {
  const [saving, setSaving] = useState(false);
  const [author, setAuthorState] = useState(() => (typeof localStorage === 'undefined' ? '' : (localStorage.getItem('loupe.author') ?? '')));
  const [message, setMessage] = useState('');
  const clip = useRef<string | null>(null);
  const [layouts, setLayouts] = useState(0);
  const named = (g: Graph): Graph => ({ ...g, name: pipeline.name });

  const setAuthor = (a: string) => {
    setAuthorState(a);
    localStorage.setItem('loupe.author', a);
  };

  const save = useCallback(
    async (graph?: Graph, note?: string) => {
      setSaving(true);
      try {
        const res = await fetch(`/api/pipelines/${pipeline.id}/versions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ graph: named(graph ?? flow.graph()), author: author.trim() || 'anonymous', message: note ?? message }),
        });
        const body = await res.json();
        if (!res.ok) return setNotice({ text: `Not saved: ${describe(body.problems ?? [])}`, tone: 'error' }), undefined;
        onSaved(body.version);
        setMessage('');
        const warn = body.problems?.length ? ` — ${body.problems.length} problem(s): cannot be deployed until fixed` : '';
        setNotice({ text: `Saved version ${body.version.number}${warn}`, tone: body.problems?.length ? 'error' : 'info' });
        return body.version as VersionSummary;
      } catch (error) {
        setNotice({ text: `Not saved: ${(error as Error).message}`, tone: 'error' });
      } finally {
        setSaving(false);
      }
    },
    [pipeline.id, pipeline.name, author, message, flow, onSaved, setNotice],
  );

  const exportFile = () => {
    const blob = new Blob([formatGraph(named(flow.graph()))], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${pipeline.name.replace(/[^A-Za-z0-9_-]+/g, '-') || 'pipeline'}.pipeline.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };

  const importText = (text: string, fileName: string) => {
    const result = importGraph(text, getNodeKind);
    if (!result.ok) return setNotice({ text: `Not imported (${fileName}): ${describe(result.problems)}`, tone: 'error' });
    flow.replaceGraph(result.graph);
    setNotice({ text: `Imported ${fileName}: ${result.graph.nodes.length} nodes, ${result.graph.edges.length} edges`, tone: 'info' });
    requestAnimationFrame(() => fitView({ padding: 0.2 }));
  };

  const copy = () => {
    const selected = new Set(flow.nodes.filter((n) => n.selected).map((n) => n.id));
    if (!selected.size) return;
    clip.current = clipText(copySelection(flow.graph(), selected));
    localStorage.setItem(CLIP_KEY, clip.current);
    setNotice({ text: `Copied ${selected.size} node(s)`, tone: 'info' });
  };

  const paste = () => {
    const parsed = parseClip(clip.current ?? localStorage.getItem(CLIP_KEY) ?? '');
    if (!parsed?.nodes.length) return;
    const { graph, pasted } = pasteClip(flow.graph(), parsed);
    flow.replaceGraph(graph, new Set(pasted));
    setNotice({ text: `Pasted ${pasted.length} node(s)`, tone: 'info' });
  };

  // Fit once the laid-out nodes are committed: React Flow has them by then (its store takes new
  // nodes in a child's effect, which runs before this one). A fit scheduled for the next frame
  // could run before that commit and frame the old positions, leaving the new ones off screen.
  useEffect(() => {
    if (layouts > 0) void fitView({ padding: 0.2 });
  }, [layouts, fitView]);

  const layout = () => {
    flow.replaceGraph(autoLayout(flow.graph()));
    setLayouts((n) => n + 1);
  };

  return { save, saving, author, setAuthor, message, setMessage, exportFile, importText, copy, paste, layout, problemsCount };
}

export type EditorActions = ReturnType<typeof useEditorActions>;
