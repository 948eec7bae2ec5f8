/**
 * Puts responses in the order they happened, per student. Stable: responses
 * with the same time keep their input order, so results do not depend on how a
 * sort breaks ties.
 */
import { groupBy } from '../group-by.ts';
import type { Evidence, Response } from './types.ts';

export function inTimeOrder<T extends Evidence>(evidence: readonly T[]): T[] {
  return evidence
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.at - b.item.at || a.index - b.index)
    .map(({ item }) => item);
}

/**
 * Each student's responses in time order, students sorted by name: sums over
 * students then run in the same order however the rows arrived, so a fit is
 * identical to the last bit.
 */
export function byStudent(responses: readonly Response[]): Map<string, Response[]> {
  const students = groupBy(responses, (response) => response.student);
  const names = [...students.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(names.map((name) => [name, inTimeOrder(students.get(name)!)]));
}
