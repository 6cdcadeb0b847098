/** Number formats of the lab's tables and plot. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

export const pct = (rate: number | undefined) => (rate === undefined ? '—' : `${(rate * 100).toFixed(1)} %`);
export const fixed = (n: number | undefined, digits = 1) => (n === undefined ? '—' : n.toFixed(digits));

/** Problems in a JSON answer, as one line. */
export function problemText(body: unknown, fallback: string): string {
  const problems = (body as { problems?: { message: string }[] } | null)?.problems;
  return problems?.length ? problems.map((p) => p.message).join('; ') : fallback;
}
