'use client';
/**
 * What every node on the canvas needs beyond its own data: its problems and, in the compare view,
 * how it differs. Passed by context so a change in validation does not rebuild every node object.
 */
import { createContext, useContext } from 'react';
import type { DiffStatus } from '@/lib/editor/graph-diff';
import type { Problem } from '@/lib/pipeline/problems';
import type { NodePreview } from '@/lib/preview/preview-types';

export interface CanvasAnnotations {
  problems: ReadonlyMap<string, Problem[]>;
  diff: ReadonlyMap<string, DiffStatus>;
  /** What each node gave on the previewed frame shown, when a preview has run. */
  preview?: Readonly<Record<string, NodePreview>>;
}

export const AnnotationsContext = createContext<CanvasAnnotations>({ problems: new Map(), diff: new Map() });

export function useAnnotations(): CanvasAnnotations {
  return useContext(AnnotationsContext);
}
