/** Why each node got its precision, in words, from the search history. */
import type { BudgetCheck } from './budget';
import type { SearchStep } from './mixed-search';
import type { NodePrecision } from './precision-ladder';

export function describeCheck(c: BudgetCheck): string {
  const parts: string[] = [];
  if (c.lostPoints !== undefined) parts.push(`lost ${c.lostPoints} points`);
  if (c.missedPer1000 !== undefined) parts.push(`missed ${c.missedPer1000}/1000`);
  if (c.falseRejectsPer1000 !== undefined) parts.push(`false rejects ${c.falseRejectsPer1000}/1000`);
  return parts.join(', ');
}

export function nodeReason(unit: string, precision: NodePrecision, ladder: NodePrecision[], history: SearchStep[], budgetText: string): string {
  const P = (p: NodePrecision) => p.toUpperCase();
  const start = history[0];
  const mine = history.filter((s) => s.unit === unit);
  if (mine.length === 0) {
    return start.check.met
      ? `${P(precision)}: every node at ${P(ladder[0])} already kept to the budget (${budgetText}; ${describeCheck(start.check)})`
      : `${P(precision)}: never raised — the budget was met by raising only more sensitive nodes`;
  }
  const said = mine.map((s) => {
    const before = history[s.step - 1]?.check;
    if (s.action === 'raise') return `raised ${P(s.from!)}→${P(s.to!)} at step ${s.step} because the candidate before ${before ? describeCheck(before) : ''} (over ${budgetText}); then ${describeCheck(s.check)}`;
    return s.kept
      ? `lowered back ${P(s.from!)}→${P(s.to!)} at step ${s.step} within budget (${describeCheck(s.check)})`
      : `lowering ${P(s.from!)}→${P(s.to!)} was tried at step ${s.step} and undone: ${describeCheck(s.check)} breaks the budget`;
  });
  return `${P(precision)}: ${said.join('; ')}`;
}
