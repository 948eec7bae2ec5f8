/**
 * The heatmap's rows and cells for display: sorting, and the words and symbol
 * each cell shows so that its state never rests on colour alone. Pure.
 */
import type { HeatmapCell, HeatmapStudent, MasteryState, SkillRef } from '../../../server/routes/learning-schemas.ts';

/** 'name', 'mastered', or a skill id. */
export type HeatmapSortKey = string;
export interface HeatmapSort {
  key: HeatmapSortKey;
  direction: 'ascending' | 'descending';
}

export type CellState = MasteryState | 'not_started';

export function cellOf(student: HeatmapStudent, skillId: string): HeatmapCell | null {
  return student.cells.find((c) => c.skillId === skillId) ?? null;
}

const SYMBOL: Record<CellState, string> = { mastered: '●', learning: '◐', not_started: '○' };
const WORD: Record<CellState, string> = { mastered: 'Mastered', learning: 'Learning', not_started: 'Not started' };

/** What a cell shows: a symbol, the state in words, and the probability as a percent. */
export function describeCell(cell: HeatmapCell | null): { state: CellState; symbol: string; word: string; percent: string } {
  const state: CellState = cell ? cell.state : 'not_started';
  return { state, symbol: SYMBOL[state], word: WORD[state], percent: cell ? `${Math.round(cell.known * 100)}%` : '' };
}

export const LEGEND: { state: CellState; symbol: string; word: string }[] = (['mastered', 'learning', 'not_started'] as const).map((state) => ({
  state,
  symbol: SYMBOL[state],
  word: WORD[state],
}));

const byName = (a: HeatmapStudent, b: HeatmapStudent) =>
  a.familyName.localeCompare(b.familyName) || a.givenName.localeCompare(b.givenName) || a.sourcedId.localeCompare(b.sourcedId);

/** Students sorted by name, by skills mastered, or by the probability on one skill (not started lowest); ties by name. */
export function sortStudents(students: readonly HeatmapStudent[], sort: HeatmapSort): HeatmapStudent[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const value = (s: HeatmapStudent): number => {
    if (sort.key === 'mastered') return s.mastered;
    const cell = cellOf(s, sort.key);
    return cell ? cell.known : -1;
  };
  return [...students].sort((a, b) => (sort.key === 'name' ? sign * byName(a, b) : sign * (value(a) - value(b)) || byName(a, b)));
}

export function skillLabel(skill: SkillRef): string {
  return skill.code ?? skill.name;
}
