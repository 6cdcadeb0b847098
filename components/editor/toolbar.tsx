'use client';
/** Top bar: name and version, save (author + message), file import/export, edit commands, shortcuts. */
import Link from 'next/link';
import { useRef } from 'react';
import type { EditorActions } from './use-editor-actions';
import type { PreviewState } from './use-preview';
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
  preview: PreviewState;
  runPreview(image?: File): void;
}

export function Toolbar({ pipeline, versionNumber, readOnly, canUndo, canRedo, actions, undo, redo, fit, notice, preview, runPreview }: ToolbarProps) {
  const file = useRef<HTMLInputElement>(null);
  const picture = useRef<HTMLInputElement>(null);
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
      <div className="toolbar-group" aria-label="Preview">
        <button type="button" onClick={() => runPreview()} disabled={preview.running} title="Run the pipeline on a few frames from its source and show each node's output (P). Sinks do not run.">
          {preview.running ? 'Previewing…' : 'Preview'}
        </button>
        <select aria-label="Preview frames" value={preview.frames} onChange={(e) => preview.setFrames(Number(e.target.value))}>
          {[1, 2, 3, 4, 5, 6, 7, 8].map((n) => <option key={n} value={n}>{n} frame{n > 1 ? 's' : ''}</option>)}
        </select>
        <button type="button" onClick={() => picture.current?.click()} disabled={preview.running} title="Preview on a PNG or JPEG of your own instead of the source's frames">On image…</button>
        <input ref={picture} type="file" accept="image/png,image/jpeg" hidden data-testid="preview-image"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) runPreview(f);
            e.target.value = '';
          }} />
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
