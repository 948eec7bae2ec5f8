/**
 * The fishbone (cause and effect) diagram: causes of a problem grouped under
 * categories, and the team's votes on which causes matter most. Pure.
 */

/** The categories a new fishbone starts with; teams rename, add and remove them. */
export const DEFAULT_FISHBONE_CATEGORIES = ['People', 'Policies', 'Schedules', 'Materials', 'Measurement', 'Environment'] as const;

export interface RankedCause {
  id: string;
  votes: number;
  /** Ties keep the order the causes were added in. */
  createdAt: string;
}

/** Most votes first; ties oldest first, then by id so the order never flickers. */
export function rankCauses<T extends RankedCause>(causes: readonly T[]): T[] {
  return [...causes].sort((a, b) => b.votes - a.votes || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
