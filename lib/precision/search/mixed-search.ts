/**
 * The mixed-precision search, free of ONNX and datasets: every unit starts at the ladder's
 * cheapest precision; while the budget is not met, the most sensitive unit among those lowest on
 * the ladder is raised one rung; once it is met, each raised unit (least sensitive first) is
 * tried one rung lower again and kept there if the budget still holds. Each step is one scored
 * candidate; the history is the evidence for every node's final precision.
 */
import type { BudgetCheck } from './budget';
import type { Assignment } from './build-variant';
import type { NodePrecision } from './precision-ladder';

export interface SearchStep {
  step: number;
  action: 'start' | 'raise' | 'lower';
  unit?: string;
  from?: NodePrecision;
  to?: NodePrecision;
  /** For a lower: whether the candidate kept to the budget and so was kept. */
  kept?: boolean;
  check: BudgetCheck;
}

export interface SearchOutcome {
  assignment: Map<string, NodePrecision>;
  check: BudgetCheck;
  history: SearchStep[];
  /** The candidate closest to the budget (the final one when met). */
  best: { assignment: Map<string, NodePrecision>; check: BudgetCheck };
}

export interface MixedSearchInput {
  /** Unit ids, most sensitive first. */
  ranking: string[];
  ladder: NodePrecision[];
  score(assignment: Assignment): Promise<BudgetCheck>;
  onStep?: (step: SearchStep) => void;
}

export async function mixedSearch(input: MixedSearchInput): Promise<SearchOutcome> {
  const { ranking, ladder } = input;
  const top = ladder.length - 1;
  const level = new Map(ranking.map((u) => [u, 0]));
  const history: SearchStep[] = [];
  const assignment = () => new Map([...level].map(([u, l]) => [u, ladder[l]]));
  let best: SearchOutcome['best'] | undefined;
  const record = async (step: Omit<SearchStep, 'step' | 'check'>): Promise<BudgetCheck> => {
    const a = assignment();
    const check = await input.score(a);
    const s = { step: history.length, ...step, check };
    history.push(s);
    input.onStep?.(s);
    if (!best || check.excess < best.check.excess) best = { assignment: a, check };
    return check;
  };

  let check = await record({ action: 'start' });
  while (!check.met) {
    const next = pickRaise(ranking, level, top);
    if (next === undefined) break;
    const from = ladder[level.get(next)!];
    level.set(next, level.get(next)! + 1);
    check = await record({ action: 'raise', unit: next, from, to: ladder[level.get(next)!] });
  }
  if (check.met) {
    for (const unit of [...ranking].reverse()) {
      while (level.get(unit)! > 0) {
        const from = ladder[level.get(unit)!];
        level.set(unit, level.get(unit)! - 1);
        const tried = await record({ action: 'lower', unit, from, to: ladder[level.get(unit)!] });
        history[history.length - 1].kept = tried.met;
        if (tried.met) {
          check = tried;
          continue;
        }
        level.set(unit, level.get(unit)! + 1);
        break;
      }
    }
  }
  const final = assignment();
  return { assignment: final, check, history, best: check.met ? { assignment: final, check } : best! };
}

/** The most sensitive unit among those on the lowest rung that can still go up. */
function pickRaise(ranking: string[], level: Map<string, number>, top: number): string | undefined {
  let pick: string | undefined;
  for (const u of ranking) {
    const l = level.get(u)!;
    if (l < top && (pick === undefined || l < level.get(pick)!)) pick = u;
  }
  return pick;
}
