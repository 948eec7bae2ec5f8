/**
 * What to write when flags are computed again: raise the flags that are new,
 * clear the open ones whose condition has ended, and bring the reason of those
 * still open up to date. A flag is never deleted, so cleared and acknowledged
 * flags remain as the history. Pure: open flags and current flags in, changes out.
 */
import type { Flag, FlagKind } from './flags.ts';

export interface OpenFlag {
  id: string;
  student: string;
  kind: FlagKind;
  skill: string | null;
  reason: string;
}

export interface FlagChanges {
  raise: Flag[];
  /** Ids of open flags whose condition has ended. */
  clear: string[];
  /** Open flags still holding whose reason now reads differently (e.g. more attempts). */
  reword: { id: string; reason: string }[];
}

const keyOf = (flag: { student: string; kind: FlagKind; skill: string | null }) => `${flag.student}\u0000${flag.kind}\u0000${flag.skill ?? ''}`;

/**
 * Compares the open flags with the flags that hold now, for the given kinds
 * only (a refresh after new evidence does not judge "behind", which needs the
 * whole team). At most one flag per student, kind and skill: the first wins.
 */
export function flagChanges(open: readonly OpenFlag[], current: readonly Flag[], kinds: readonly FlagKind[]): FlagChanges {
  const judged = new Set(kinds);
  const now = new Map<string, Flag>();
  for (const flag of current) if (judged.has(flag.kind) && !now.has(keyOf(flag))) now.set(keyOf(flag), flag);
  const changes: FlagChanges = { raise: [], clear: [], reword: [] };
  const stillOpen = new Set<string>();
  for (const flag of open) {
    if (!judged.has(flag.kind)) continue;
    const key = keyOf(flag);
    const holding = now.get(key);
    if (!holding || stillOpen.has(key)) {
      changes.clear.push(flag.id);
      continue;
    }
    stillOpen.add(key);
    if (holding.reason !== flag.reason) changes.reword.push({ id: flag.id, reason: holding.reason });
  }
  for (const [key, flag] of now) if (!stillOpen.has(key)) changes.raise.push(flag);
  return changes;
}
