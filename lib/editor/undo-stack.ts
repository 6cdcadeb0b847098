/**
 * Snapshot undo: the editor records the whole graph after each committed change (drop, connect,
 * delete, parameter edit, drag end). Graphs are small JSON, so snapshots beat inverse operations
 * for simplicity and can never drift out of sync.
 */
export class UndoStack<T> {
  private past: T[] = [];
  private future: T[] = [];

  constructor(private present: T, private readonly limit = 200) {}

  get current(): T {
    return this.present;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** Record a new state; a new branch forgets the redo history. Equal states are not recorded. */
  push(next: T, equals: (a: T, b: T) => boolean = Object.is): void {
    if (equals(this.present, next)) return;
    this.past.push(this.present);
    if (this.past.length > this.limit) this.past.shift();
    this.present = next;
    this.future = [];
  }

  undo(): T | undefined {
    const prev = this.past.pop();
    if (prev === undefined) return undefined;
    this.future.push(this.present);
    this.present = prev;
    return prev;
  }

  redo(): T | undefined {
    const next = this.future.pop();
    if (next === undefined) return undefined;
    this.past.push(this.present);
    this.present = next;
    return next;
  }

  /** Forget history, e.g. after opening another version. */
  reset(state: T): void {
    this.past = [];
    this.future = [];
    this.present = state;
  }
}
