'use client';
/** Top bar: name and version, save (author + message), file import/export, edit commands, shortcuts. */
import Link from 'next/link';
import { useRef } from 'react';
import type { EditorActions } from './use-editor-actions';
import { SHORTCUTS } from './use-shortcuts';

interface ToolbarProps {
  pipeline: { id: string; name: string };
  versionNumber?: number;
  readOnly: boolean;
  canUndo: boolean;
  canRedo: boolean;
  actions: EditorActions;
  undo(): void;
  redo(): void;
  fit(): void;
  notice: { text: string; tone: 'info' | 'error' } | null;
}

export function Toolbar({ pipeline, versionNumber, readOnly, canUndo, canRedo, actions, undo, redo, fit, notice }: ToolbarProps) {
  const file = useRef<HTMLInputElement>(null);
  return (
    <header className="toolbar">
      <div className="toolbar-title">
        <Link href="/pipelines">Pipelines</Link> / <strong>{pipeline.name}</strong>
        {versionNumber !== undefined && <span className="badge">{readOnly ? `version ${versionNumber} (read-only)` : `from v${versionNumber}`}</span>}
      </div>
      {readOnly ? (
        <div className="toolbar-group">
          <button type="button" onClick={() => actions.save(undefined, `Restore version ${versionNumber}`).then((v) => v && (location.href = `/pipelines/${pipeline.id}`))}>
            Restore as new version
          </button>
          <Link href={`/pipelines/${pipeline.id}`}>Open latest in editor</Link>
        </div>
      ) : (
        <div className="toolbar-group">
          <input aria-label="Author" placeholder="Your name" value={actions.author} onChange={(e) => actions.setAuthor(e.target.value)} size={10} />
          <input aria-label="Save message" placeholder="What changed?" value={actions.message} onChange={(e) => actions.setMessage(e.target.value)} size={18} />
          <button type="button" onClick={() => actions.save()} disabled={actions.saving} title="Save a new version (Ctrl+S)">
            Save version
          </button>
        </div>
      )}
      <div className="toolbar-group">
        {!readOnly && (
          <>
            <button type="button" onClick={undo} disabled={!canUndo} title="Undo (Ctrl+Z)">Undo</button>
            <button type="button" onClick={redo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)">Redo</button>
            <button type="button" onClick={actions.copy} title="Copy selected nodes (Ctrl+C)">Copy</button>
            <button type="button" onClick={actions.paste} title="Paste nodes (Ctrl+V)">Paste</button>
            <button type="button" onClick={actions.layout} title="Auto-layout (L)">Layout</button>
          </>
        )}
        <button type="button" onClick={fit} title="Fit view (F)">Fit</button>
      </div>
      <div className="toolbar-group">
        <button type="button" onClick={actions.exportFile} title="Download the pipeline as a JSON file">Export</button>
        {!readOnly && (
          <>
            <button type="button" onClick={() => file.current?.click()} title="Load a pipeline JSON file">Import</button>
            <input
              ref={file}
              type="file"
              accept="application/json,.json"
              hidden
              data-testid="import-file"
              onChange={async (e) => {
                const f = e.target.files?.[0];
                if (f) actions.importText(await f.text(), f.name);
                e.target.value = '';
              }}
            />
          </>
        )}
        <a href="/schema/pipeline.json" target="_blank" rel="noreferrer">JSON Schema</a>
        <details className="shortcuts">
          <summary>Shortcuts</summary>
          <dl>
            {SHORTCUTS.map(([keys, what]) => (
              <div key={keys}><dt><kbd>{keys}</kbd></dt><dd>{what}</dd></div>
            ))}
          </dl>
        </details>
      </div>
      <p className={`notice notice-${notice?.tone ?? 'info'}`} role="status" aria-live="polite">{notice?.text ?? ''}</p>
    </header>
  );
}
