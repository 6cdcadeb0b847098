/**
 * Collects the garbage an earlier measurement left, when the bench runs with --expose-gc (npm run
 * bench does). A live run leaves ~400 MB of dead frame buffers behind, and collecting them inside
 * the next measurement charged that one's JS thread for it (FastestDet: 0.6 → 1.0 ms per frame).
 */
export function settleHeap(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
