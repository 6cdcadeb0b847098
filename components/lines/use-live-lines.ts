'use client';
import { useEffect, useRef, useState } from 'react';
import type { LinesResponse } from '@/lib/lines/line-summary';

const HISTORY = 120;

export interface LiveLines {
  data: LinesResponse;
  /** Recent throughput samples per line id, oldest first. */
  history: Record<string, number[]>;
  /** Set while the last poll failed. */
  error: string | null;
}

/** Polls GET /api/lines every `intervalMs`, one request at a time, and keeps a short throughput history. */
export function useLiveLines(initial: LinesResponse, intervalMs = 1000): LiveLines {
  const [state, setState] = useState<LiveLines>(() => ({ data: initial, history: appendHistory({}, initial), error: null }));
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const res = await fetch('/api/lines', { cache: 'no-store' });
        if (!res.ok) throw new Error(`the server answered ${res.status}`);
        const data = (await res.json()) as LinesResponse;
        if (alive.current) setState((s) => ({ data, history: appendHistory(s.history, data), error: null }));
      } catch (error) {
        if (alive.current) setState((s) => ({ ...s, error: error instanceof Error ? error.message : String(error) }));
      }
      if (alive.current) timer = setTimeout(poll, intervalMs);
    };
    timer = setTimeout(poll, intervalMs);
    return () => {
      alive.current = false;
      clearTimeout(timer);
    };
  }, [intervalMs]);
  return state;
}

function appendHistory(history: Record<string, number[]>, data: LinesResponse): Record<string, number[]> {
  const next: Record<string, number[]> = {};
  for (const line of data.lines) next[line.id] = [...(history[line.id] ?? []), line.stats.throughputPerMin].slice(-HISTORY);
  return next;
}
