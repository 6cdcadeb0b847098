'use client';
/** Keyboard shortcuts; the list is shown in the toolbar so nobody has to guess them. */
import { useEffect, useRef } from 'react';

export interface ShortcutHandlers {
  undo?(): void;
  redo?(): void;
  copy?(): void;
  paste?(): void;
  save?(): void;
  layout?(): void;
  fit?(): void;
  preview?(): void;
}

export const SHORTCUTS: [string, string][] = [
  ['Ctrl+Z', 'Undo'],
  ['Ctrl+Shift+Z / Ctrl+Y', 'Redo'],
  ['Ctrl+C / Ctrl+V', 'Copy / paste nodes'],
  ['Delete', 'Delete selection'],
  ['Ctrl+S', 'Save a version'],
  ['L', 'Auto-layout'],
  ['F', 'Fit view'],
  ['P', 'Preview on a few frames'],
  ['Shift+click / drag', 'Select several'],
];

export function useShortcuts(handlers: ShortcutHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const h = ref.current;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 's') {
        e.preventDefault();
        h.save?.();
        return;
      }
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
      const run = (f?: () => void) => {
        if (!f) return;
        e.preventDefault();
        f();
      };
      if (mod && key === 'z') run(e.shiftKey ? h.redo : h.undo);
      else if (mod && key === 'y') run(h.redo);
      else if (mod && key === 'c') run(h.copy);
      else if (mod && key === 'v') run(h.paste);
      else if (!mod && !e.altKey && key === 'l') run(h.layout);
      else if (!mod && !e.altKey && key === 'f') run(h.fit);
      else if (!mod && !e.altKey && key === 'p') run(h.preview);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
