'use client';
/**
 * The node kinds, grouped the way an inspection line reads left to right. Drag one onto the
 * canvas, or press Enter / double-click to drop it in the middle.
 */
import type { NodeCategory, NodeKind } from '@/lib/pipeline/node-kind';
import { listNodeKinds } from '@/lib/pipeline/registry';

export const KIND_MIME = 'application/x-loupe-kind';

const GROUPS: { title: string; categories: NodeCategory[] }[] = [
  { title: 'Triggers and sources', categories: ['trigger', 'source'] },
  { title: 'Preprocessing', categories: ['preprocess'] },
  { title: 'Models', categories: ['model'] },
  { title: 'Decisions', categories: ['decision'] },
  { title: 'Outputs', categories: ['sink'] },
];

export function Palette({ onAdd }: { onAdd(kind: string): void }) {
  const kinds = listNodeKinds();
  return (
    <nav className="palette" aria-label="Node palette">
      {GROUPS.map((group) => (
        <section key={group.title}>
          <h3>{group.title}</h3>
          {kinds.filter((k) => group.categories.includes(k.category)).map((k) => <Item key={k.kind} kind={k} onAdd={onAdd} />)}
        </section>
      ))}
    </nav>
  );
}

function Item({ kind, onAdd }: { kind: NodeKind; onAdd(kind: string): void }) {
  return (
    <div
      className={`palette-item cat-${kind.category}`}
      data-kind={kind.kind}
      draggable
      tabIndex={0}
      role="button"
      title={kind.description}
      onDragStart={(e) => {
        e.dataTransfer.setData(KIND_MIME, kind.kind);
        e.dataTransfer.effectAllowed = 'move';
      }}
      onDoubleClick={() => onAdd(kind.kind)}
      onKeyDown={(e) => e.key === 'Enter' && onAdd(kind.kind)}
    >
      <strong>{kind.title}</strong>
      <small>{kind.kind}</small>
    </div>
  );
}
