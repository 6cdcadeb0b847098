/**
 * Checks that a plan has the shape the runtime can run (at most one trigger, exactly one source,
 * every stage reading only from stages before it) and pairs each stage with its node kind.
 * Compiled plans always pass; a hand-written or stale one gets a clear problem list instead.
 */
import type { NodeKind } from '../node-kind';
import type { Plan, StagePlan } from '../plan';
import { problem, ProblemError, type Problem } from '../problems';

export interface LaidOutStage {
  stage: StagePlan;
  kind: NodeKind;
  /** Output ports whose declared type is Verdict: they decide pass/fail. */
  verdictPorts: string[];
}

export interface PlanLayout {
  trigger?: LaidOutStage;
  source: LaidOutStage;
  /** 'stage' and 'sink' stages in plan (topological) order. */
  chain: LaidOutStage[];
}

export function layOutPlan(plan: Plan, kinds: (kind: string) => NodeKind | undefined): PlanLayout {
  const problems: Problem[] = [];
  const laid: LaidOutStage[] = [];
  for (const stage of plan?.stages ?? []) {
    const kind = kinds(stage.kind);
    if (!kind) {
      problems.push(problem('node.unknown-kind', `Stage "${stage.id}" has unknown kind "${stage.kind}"`, { nodeId: stage.id }));
      continue;
    }
    const factory = { trigger: kind.createTrigger, source: kind.createSource, stage: kind.createStage, sink: kind.createStage }[stage.role];
    if (!factory) problems.push(problem('plan.invalid', `Kind "${stage.kind}" cannot run as a ${stage.role} (stage "${stage.id}")`, { nodeId: stage.id }));
    const verdictPorts = Object.entries(kind.outputs).filter(([, spec]) => spec.type === 'Verdict').map(([port]) => port);
    laid.push({ stage, kind, verdictPorts });
  }
  const triggers = laid.filter((s) => s.stage.role === 'trigger');
  const sources = laid.filter((s) => s.stage.role === 'source');
  if (triggers.length > 1) problems.push(problem('plan.invalid', `A plan may have at most one trigger, this one has ${triggers.length}: ${ids(triggers)}`));
  if (sources.length !== 1) problems.push(problem('plan.invalid', `A plan needs exactly one source, this one has ${sources.length}${sources.length ? `: ${ids(sources)}` : ''}`));
  const chain = laid.filter((s) => s.stage.role === 'stage' || s.stage.role === 'sink');
  problems.push(...checkInputs([...triggers, ...sources], chain));
  if (problems.length) throw new ProblemError(problems);
  return { trigger: triggers[0], source: sources[0], chain };
}

/** Every input must read from the trigger, the source or an earlier stage, else its value would silently be missing. */
function checkInputs(heads: LaidOutStage[], chain: LaidOutStage[]): Problem[] {
  const problems: Problem[] = [];
  const before = new Set(heads.map((s) => s.stage.id));
  for (const { stage } of chain) {
    for (const [port, ep] of Object.entries(stage.inputs ?? {})) {
      if (!before.has(ep.node)) {
        problems.push(
          problem('plan.invalid', `Input "${port}" of stage "${stage.id}" reads from "${ep.node}", which does not run before it`, {
            nodeId: stage.id,
            port,
          }),
        );
      }
    }
    before.add(stage.id);
  }
  return problems;
}

function ids(stages: LaidOutStage[]): string {
  return stages.map((s) => s.stage.id).join(', ');
}
