/**
 * PDSA cycles: which phase a cycle is in, whether it is overdue, and ramps —
 * chains of cycles, each building on the one before, that show a change
 * spreading from a classroom to the district.
 */
import { SCALES, type CycleFacts, type Scale } from './types.ts';

export type CyclePhase = 'plan' | 'do' | 'study' | 'act' | 'done';

const filled = (text: string) => text.trim() !== '';

/** The phase the cycle is waiting on: the first whose work is not yet written down. */
export function cyclePhase(cycle: CycleFacts): CyclePhase {
  if (cycle.actDecision !== null) return 'done';
  if (filled(cycle.studyResults)) return 'act';
  if (cycle.doEndedOn !== null || filled(cycle.doWhatHappened)) return 'study';
  if (filled(cycle.planQuestion) && filled(cycle.planPrediction)) return 'do';
  return 'plan';
}

/** Past its due date (before `today`, an ISO date) and not yet studied or acted on. */
export function isOverdue(cycle: CycleFacts, today: string): boolean {
  if (cycle.dueOn === null || cycle.dueOn >= today) return false;
  return !filled(cycle.studyResults) && cycle.actDecision === null;
}

/** Days from `from` to `to` (ISO dates or timestamps; the date part counts). */
export function daysBetween(from: string, to: string): number {
  const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Math.round((day(to) - day(from)) / 86_400_000);
}

export const scaleRank = (scale: Scale): number => SCALES.indexOf(scale);

export interface Ramp {
  /** The cycles from the first to the last, each building on the one before. */
  cycles: CycleFacts[];
  /** The scales the ramp reached, in order, without repeats. */
  scales: Scale[];
  widest: Scale;
  /** True when the ramp moved to a wider scale than where it started. */
  spread: boolean;
  /** Cycles that went wider than the one before without a decision to adopt or adapt it. */
  spreadWithoutDecision: CycleFacts[];
}

/**
 * Every ramp: a path from a first cycle (no previous cycle in the project) to a
 * last (no cycle builds on it). A cycle two cycles build on starts two paths.
 * A loop in the links (which the API refuses) is cut where it closes.
 */
export function ramps(cycles: readonly CycleFacts[]): Ramp[] {
  const byId = new Map(cycles.map((cycle) => [cycle.id, cycle]));
  const next = new Map<string, CycleFacts[]>();
  for (const cycle of cycles) {
    if (cycle.previousCycleId && byId.has(cycle.previousCycleId)) {
      next.set(cycle.previousCycleId, [...(next.get(cycle.previousCycleId) ?? []), cycle]);
    }
  }
  const firsts = cycles.filter((cycle) => !cycle.previousCycleId || !byId.has(cycle.previousCycleId));
  const paths: CycleFacts[][] = [];
  const walk = (path: CycleFacts[]) => {
    const last = path[path.length - 1]!;
    const following = (next.get(last.id) ?? []).filter((cycle) => !path.includes(cycle));
    if (following.length === 0) paths.push(path);
    for (const cycle of following) walk([...path, cycle]);
  };
  for (const first of firsts) walk([first]);
  return paths.map(describeRamp);
}

function describeRamp(path: CycleFacts[]): Ramp {
  const scales: Scale[] = [];
  for (const cycle of path) if (scales[scales.length - 1] !== cycle.scale) scales.push(cycle.scale);
  const widest = path.reduce<Scale>((wide, cycle) => (scaleRank(cycle.scale) > scaleRank(wide) ? cycle.scale : wide), path[0]!.scale);
  const spreadWithoutDecision = path.filter((cycle, i) => {
    const before = path[i - 1];
    if (!before || scaleRank(cycle.scale) <= scaleRank(before.scale)) return false;
    return before.actDecision !== 'adopt' && before.actDecision !== 'adapt';
  });
  return { cycles: path, scales, widest, spread: scaleRank(widest) > scaleRank(path[0]!.scale), spreadWithoutDecision };
}

/** Whether linking `cycleId` to `previousId` would close a loop of cycles. */
export function wouldCloseLoop(cycles: readonly Pick<CycleFacts, 'id' | 'previousCycleId'>[], cycleId: string, previousId: string): boolean {
  const previousOf = new Map(cycles.map((cycle) => [cycle.id, cycle.previousCycleId]));
  let current: string | null | undefined = previousId;
  const seen = new Set<string>();
  while (current) {
    if (current === cycleId) return true;
    if (seen.has(current)) return false;
    seen.add(current);
    current = previousOf.get(current);
  }
  return false;
}

/**
 * The cycles as chart events: each started cycle at its start date, moved to the
 * first date of the series on or after it so the chart's summary can name it
 * when a signal follows. Cycles not started yet changed nothing, so they are left out.
 */
export function cycleEvents(
  cycles: readonly Pick<CycleFacts, 'id' | 'title' | 'doStartedOn'>[],
  seriesDates: readonly string[],
): { x: string; label: string; cycleId: string }[] {
  const dates = [...new Set(seriesDates)].sort();
  return cycles
    .filter((cycle): cycle is typeof cycle & { doStartedOn: string } => cycle.doStartedOn !== null)
    .map((cycle) => ({ x: dates.find((date) => date >= cycle.doStartedOn) ?? cycle.doStartedOn, label: `PDSA: ${cycle.title}`, cycleId: cycle.id }));
}
