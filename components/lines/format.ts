/** Number and time formatting for the dashboards: fixed, compact, locale-independent (server and browser agree). */

export function formatCount(n: number): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatRate(perMin: number): string {
  return perMin >= 100 ? Math.round(perMin).toString() : perMin.toFixed(1);
}

export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return '—';
  const p = (100 * part) / whole;
  return `${p < 10 ? p.toFixed(2) : p.toFixed(1)} %`;
}

/** "4 s ago", "3 min ago" — `now` comes from the server's answer. */
export function formatAge(iso: string | null, nowIso: string): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((Date.parse(nowIso) - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}
